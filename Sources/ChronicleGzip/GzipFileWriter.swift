/// Streaming gzip writer to a file. Deterministic: same input bytes + level => same output bytes.
///
/// Output is a single gzip member with the fixed header
/// `1f 8b 08 00 | 00 00 00 00 | 00 | ff` (no name, no extra, mtime 0, OS unknown),
/// a raw deflate body, and the CRC-32 / ISIZE trailer (little-endian).
/// Memory use is bounded by fixed buffers (64 KiB staged input, 256 KiB output)
/// regardless of how much is written.
///
/// Not `Sendable`: a writer has one owner. If ``finish(sync:)`` is never called (for
/// example on an error path) the zlib state is released and the file descriptor is
/// closed when the writer is deinitialised; the partial file is left on disk.
public final class GzipFileWriter {
    private let path: String
    private var fd: Int32
    private var encoder: GzipEncoder?
    private var failed = false

    /// Creates or truncates the file at `path` (mode 0644) and prepares to write.
    ///
    /// - Parameters:
    ///   - path: Destination file path.
    ///   - level: zlib compression level, 0...9, or -1 for zlib's default (6).
    /// - Throws: ``GzipError`` with kind `.invalidArgument`, `.open` or `.zlib`.
    public init(path: String, level: Int32 = 6) throws(GzipError) {
        self.path = path
        let encoder = try GzipEncoder(level: level, path: path)
        switch POSIX.openForWriting(path) {
        case .success(let descriptor):
            fd = descriptor
        case .failure(let error):
            throw GzipError(
                kind: .open, path: path, offset: nil, errno: error.code,
                message: "cannot create the output file",
                suggestion: "Check that the directory exists, is writable, and has free space.")
        }
        self.encoder = encoder
    }

    deinit {
        encoder = nil
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
        let encoder = try usableEncoder()
        do {
            try encoder.write(bytes) { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
                try self.writeToFile(chunk, at: encoder.emittedCount)
            }
        } catch {
            failed = true
            throw error
        }
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
        let encoder = try usableEncoder()
        defer {
            self.encoder = nil
            if fd >= 0 {
                _ = POSIX.closeDescriptor(fd)
                fd = -1
            }
        }
        do {
            try encoder.finish { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
                try self.writeToFile(chunk, at: encoder.emittedCount)
            }
        } catch {
            failed = true
            throw error
        }
        let total = encoder.compressedCount
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
        return GzipSummary(
            uncompressedBytes: encoder.uncompressedCount,
            compressedBytes: total,
            crc32: encoder.crc)
    }

    private func usableEncoder() throws(GzipError) -> GzipEncoder {
        guard !failed, let encoder, fd >= 0 else {
            throw GzipError(
                kind: .unusable, path: path, offset: nil,
                message: failed ? "the writer failed earlier" : "the writer was already finished",
                suggestion: "Create a new GzipFileWriter to write the file again.")
        }
        return encoder
    }

    private func writeToFile(_ chunk: UnsafeRawBufferPointer, at offset: UInt64) throws(GzipError) {
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
