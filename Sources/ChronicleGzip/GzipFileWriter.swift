/// Streaming gzip writer to a file. Deterministic: same input bytes + level => same output bytes.
///
/// Output is a single gzip member with the fixed header
/// `1f 8b 08 00 | 00 00 00 00 | 00 | ff` (no name, no extra, mtime 0, OS unknown),
/// a raw deflate body, and the CRC-32 / ISIZE trailer (little-endian).
/// Memory use is bounded by fixed buffers regardless of how much is written: zlib's (64 KiB
/// staged input, 256 KiB output) or igzip's (its state, a 64 KiB output buffer and up to
/// ``igzipPiece`` bytes of pending input), plus, in whole-buffer mode, at most
/// `wholeBufferLimit` bytes of input.
///
/// Not `Sendable`: a writer has one owner. If ``finish(sync:)`` is never called (for
/// example on an error path) the zlib state is released and the file descriptor is
/// closed when the writer is deinitialised; the partial file is left on disk.
public final class GzipFileWriter {
    private let path: String
    private let level: Int32
    private var fd: Int32
    private var encoder: GzipEncoder?
    /// Whole-buffer mode: the input so far, compressed with igzip at ``finish(sync:)``
    /// unless it grows past `wholeBufferLimit` (then igzip streams it, see `streaming`).
    private var staged: [UInt8]?
    /// Past the whole-buffer bound: the borrowed igzip encoder and the input not yet fed to
    /// it. igzip gets pieces of exactly ``igzipPiece`` bytes (the last one shorter), so the
    /// output depends on the bytes written, not on how they were split into `write` calls.
    private var streaming: IgzipEncoder?
    private var pending: [UInt8] = []
    /// Bytes of input igzip gets at a time when streaming.
    static let igzipPiece = 256 * 1024
    private let wholeBufferLimit: Int
    private var failed = false
    private var finished = false

    /// Sees every compressed chunk as it is written to the file (e.g. to hash the file).
    public var onCompressedOutput: ((UnsafeRawBufferPointer) -> Void)?

    /// Creates or truncates the file at `path` (mode 0644) and prepares to write.
    ///
    /// - Parameters:
    ///   - path: Destination file path.
    ///   - level: compression level, 0...9, or -1 for the default (6).
    ///   - wholeBufferLimit: when above 0 (and `level` is not 0), up to this many uncompressed
    ///     bytes are kept in memory and compressed at once with ISA-L's igzip (several times
    ///     faster than zlib; `level` maps to igzip's levels as
    ///     ``IgzipEncoder/igzipLevel(zlibLevel:)`` says); a member that grows past it is
    ///     streamed through igzip in pieces of ``igzipPiece`` bytes, so memory stays bounded by
    ///     the limit. 0 (the default) always streams through zlib. Either way the output is one
    ///     deterministic gzip member with the same fixed header.
    /// - Throws: ``GzipError`` with kind `.invalidArgument`, `.open` or `.zlib`.
    public init(path: String, level: Int32 = 6, wholeBufferLimit: Int = 0) throws(GzipError) {
        self.path = path
        self.level = level
        // Level 0 (stored) has no igzip counterpart: zlib writes it.
        self.wholeBufferLimit = level == 0 ? 0 : max(0, wholeBufferLimit)
        if self.wholeBufferLimit > 0 {
            guard (-1...9).contains(level) else {
                throw GzipError(
                    kind: .invalidArgument, path: path, offset: nil,
                    message: "compression level \(level) is out of range",
                    suggestion: "Use a level from 0 (store) to 9 (best), or -1 for the default (6).")
            }
            staged = []
        } else {
            encoder = try GzipEncoder(level: level, path: path)
        }
        switch POSIX.openForWriting(path) {
        case .success(let descriptor):
            fd = descriptor
        case .failure(let error):
            throw GzipError(
                kind: .open, path: path, offset: nil, errno: error.code,
                message: "cannot create the output file",
                suggestion: "Check that the directory exists, is writable, and has free space.")
        }
    }

    deinit {
        encoder = nil
        if let streaming { IgzipEncoder.giveBack(streaming) }
        if fd >= 0 {
            _ = POSIX.closeDescriptor(fd)
        }
    }

    /// The file descriptor, or -1 once closed. Internal, for tests.
    var fileDescriptor: Int32 { fd }

    /// Compresses and appends `bytes`.
    /// - Throws: ``GzipError`` with kind `.write`, `.zlib`, or `.unusable` if the writer
    ///   was finished or failed earlier.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(GzipError) {
        try checkUsable()
        if var buffer = staged {
            staged = nil
            if buffer.count + bytes.count <= wholeBufferLimit {
                buffer.append(contentsOf: bytes)
                staged = buffer
                return
            }
            // Over the bound: stream everything through igzip from here on.
            do throws(GzipError) {
                let igzip = IgzipEncoder.borrow()
                streaming = igzip
                try igzip.begin(level: level, path: path, sink: writeStreamed)
                pending.reserveCapacity(Self.igzipPiece)
                let outcome: Result<Void, GzipError> = buffer.withUnsafeBytes { staged in
                    do throws(GzipError) {
                        try self.stream(staged, through: igzip)
                        return .success(())
                    } catch {
                        return .failure(error)
                    }
                }
                try outcome.get()
            } catch {
                failed = true
                throw error
            }
        }
        if let streaming {
            do {
                try stream(bytes, through: streaming)
            } catch {
                failed = true
                throw error
            }
            return
        }
        guard let encoder else { return }
        do {
            try encoder.write(bytes) { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
                try self.writeToFile(chunk, at: encoder.emittedCount)
            }
        } catch {
            failed = true
            throw error
        }
    }

    /// Feeds `bytes` to igzip in pieces of exactly ``igzipPiece`` bytes; the rest waits in
    /// `pending` for more input or ``finish(sync:)``.
    private func stream(_ bytes: UnsafeRawBufferPointer, through igzip: IgzipEncoder) throws(GzipError) {
        var rest = bytes
        if !pending.isEmpty {
            let take = min(Self.igzipPiece - pending.count, rest.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[0..<take]))
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            guard pending.count == Self.igzipPiece else { return }
            try feedPending(last: false, through: igzip)
        }
        while rest.count >= Self.igzipPiece {
            try igzip.feed(UnsafeRawBufferPointer(rebasing: rest[0..<Self.igzipPiece]), last: false, path: path, sink: writeStreamed)
            rest = UnsafeRawBufferPointer(rebasing: rest[Self.igzipPiece...])
        }
        pending.append(contentsOf: rest)
    }

    /// Feeds the pending input to igzip and empties it.
    private func feedPending(last: Bool, through igzip: IgzipEncoder) throws(GzipError) {
        let outcome: Result<Void, GzipError> = pending.withUnsafeBytes { bytes in
            do throws(GzipError) {
                try igzip.feed(bytes, last: last, path: path, sink: writeStreamed)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes a piece of the streaming igzip member.
    private func writeStreamed(_ chunk: UnsafeRawBufferPointer) throws(GzipError) {
        try writeToFile(chunk, at: streaming?.compressedCount ?? 0)
    }

    /// Compresses and appends `bytes`, taking the array when nothing is staged yet and it fits
    /// the whole-buffer bound: the first write of a member kept whole costs no copy. `bytes` is
    /// empty afterwards either way (its capacity is kept when it was copied).
    /// - Throws: see ``write(_:)-(UnsafeRawBufferPointer)``.
    public func write(taking bytes: inout [UInt8]) throws(GzipError) {
        try checkUsable()
        if staged?.isEmpty == true, bytes.count <= wholeBufferLimit {
            staged = bytes
            bytes = []
            return
        }
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Compresses and appends `bytes`.
    /// - Throws: see ``write(_:)-(UnsafeRawBufferPointer)``.
    public func write(_ bytes: [UInt8]) throws(GzipError) {
        let result: Result<Void, GzipError> = bytes.withUnsafeBytes { buffer in
            do throws(GzipError) {
                try write(buffer)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    /// Finishes the deflate stream, writes the trailer, optionally `fsync`s, and closes
    /// the file. The writer cannot be used afterwards.
    ///
    /// - Parameter sync: When `true` (the default) the file is `fsync`ed before closing.
    /// - Returns: Sizes and CRC-32 of what was written.
    /// - Throws: ``GzipError`` with kind `.write`, `.sync`, `.close`, `.zlib` or `.unusable`.
    public func finish(sync: Bool = true) throws(GzipError) -> GzipSummary {
        try checkUsable()
        finished = true
        defer {
            self.encoder = nil
            self.staged = nil
            if let streaming { IgzipEncoder.giveBack(streaming) }
            self.streaming = nil
            self.pending = []
            if fd >= 0 {
                _ = POSIX.closeDescriptor(fd)
                fd = -1
            }
        }
        let summary: GzipSummary
        do throws(GzipError) {
            if let igzip = streaming {
                try feedPending(last: true, through: igzip)
                summary = try igzip.end(sink: writeStreamed)
            } else if let buffer = staged {
                let whole = IgzipEncoder.borrow()
                defer { IgzipEncoder.giveBack(whole) }
                var written: UInt64 = 0
                let outcome: Result<GzipSummary, GzipError> = buffer.withUnsafeBytes { input in
                    do throws(GzipError) {
                        return .success(try whole.compress(input, level: level, path: path) { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
                            try self.writeToFile(chunk, at: written)
                            written += UInt64(chunk.count)
                        })
                    } catch {
                        return .failure(error)
                    }
                }
                summary = try outcome.get()
            } else if let encoder {
                try encoder.finish { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
                    try self.writeToFile(chunk, at: encoder.emittedCount)
                }
                summary = GzipSummary(
                    uncompressedBytes: encoder.uncompressedCount, compressedBytes: encoder.compressedCount, crc32: encoder.crc)
            } else {
                throw GzipError(kind: .unusable, path: path, offset: nil, message: "the writer has no encoder", suggestion: "Create a new GzipFileWriter.")
            }
        } catch {
            failed = true
            throw error
        }
        let total = summary.compressedBytes
        if sync, let code = POSIX.sync(fd) {
            failed = true
            throw GzipError(
                kind: .sync, path: path, offset: total, errno: code,
                message: "fsync failed; the archive may not be durable",
                suggestion: "Check the storage device and rerun the export.")
        }
        let descriptor = fd
        fd = -1
        if let code = POSIX.closeDescriptor(descriptor) {
            failed = true
            throw GzipError(
                kind: .close, path: path, offset: total, errno: code,
                message: "close failed; the archive may be incomplete",
                suggestion: "Check the storage device and free space, then rerun the export.")
        }
        return summary
    }

    private func checkUsable() throws(GzipError) {
        guard !failed, !finished, encoder != nil || staged != nil || streaming != nil, fd >= 0 else {
            throw GzipError(
                kind: .unusable, path: path, offset: nil,
                message: failed ? "the writer failed earlier" : "the writer was already finished",
                suggestion: "Create a new GzipFileWriter to write the file again.")
        }
    }

    private func writeToFile(_ chunk: UnsafeRawBufferPointer, at offset: UInt64) throws(GzipError) {
        onCompressedOutput?(chunk)
        if let code = POSIX.writeAll(fd, chunk) {
            throw GzipError(
                kind: .write, path: path, offset: offset, errno: code,
                message: "writing \(chunk.count) compressed bytes failed",
                suggestion: "Check free space and permissions on the destination, then rerun the export.")
        }
    }
}

@available(*, unavailable, message: "GzipFileWriter has a single owner and is not thread-safe")
extension GzipFileWriter: Sendable {}
