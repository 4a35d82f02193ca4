import Crypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams one artifact to disk while hashing it, then publishes it under its content
/// address `<directory>/<sha256hex>.<ext>`.
///
/// Bytes go to a temporary file `.<random>.partial` inside the target directory (so the
/// final rename stays on one file system) through a fixed-size buffer and POSIX `write`.
/// ``commit(expectedSize:expectedSHA256:fileExtension:)`` flushes, fsyncs, verifies and
/// publishes; on any failure the temporary file is removed and an ``ArtifactError`` is
/// thrown, so a file never appears under a content address it does not match.
///
/// Any error from `write`, `writeBase64` or `finishBase64` also removes the temporary file;
/// later calls rethrow that error. If neither `commit` nor `discard` runs, `deinit` discards.
///
/// One owner: the writer is not `Sendable` and must not be used from several tasks at once.
public final class ArtifactFileWriter {
    private enum State {
        case open
        case failed(ArtifactError)
        case committed
        case discarded
    }

    /// Size of the write buffer in bytes.
    static let bufferCapacity = 256 * 1024

    /// The directory the artifact is stored in.
    public let directory: String
    /// The caller's name or id for the artifact, used in error descriptions.
    public let artifactName: String?
    /// Path of the temporary `.<random>.partial` file while the writer is open.
    public let temporaryPath: String

    private var descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var decoder = StrictBase64Decoder()
    private var base64Started = false
    private var base64Finished = false
    private var state = State.open

    /// Whether ``commit(expectedSize:expectedSHA256:fileExtension:)`` fsyncs the file and its
    /// directory (the default). A caller that syncs the whole tree later (a bag's `finalize`)
    /// turns it off: one batched sync instead of two per artifact.
    public var syncOnCommit = true

    /// Number of bytes written so far (after base64 decoding).
    public var byteCount: Int64 { size }

    /// Creates a temp file `.<random>.partial` inside `directory` (which must exist),
    /// opened with POSIX `open(O_CREAT | O_EXCL)`, written through a buffer.
    ///
    /// - Parameters:
    ///   - directory: Existing directory the artifact will be stored in.
    ///   - artifactName: The caller's name or id for the artifact, named in error descriptions.
    /// - Throws: ``ArtifactError`` of kind `.io` if the file cannot be created.
    public init(directory: String, artifactName: String? = nil) throws {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var attempts = 0
        while true {
            let path = prefix + "." + Self.randomHex128() + ".partial"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                self.temporaryPath = path
                self.descriptor = fd
                break
            }
            let code = errno
            if code == EINTR || (code == EEXIST && attempts < 8) {
                attempts += 1
                continue
            }
            throw ArtifactError(
                .io(path: path, message: "cannot create temporary file: \(Self.errnoText(code))"),
                artifact: artifactName
            )
        }
        self.directory = directory
        self.artifactName = artifactName
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferCapacity, alignment: 16)
    }

    deinit {
        if case .open = state {
            removeTemporaryFile()
        }
        buffer.deallocate()
    }

    /// Appends raw artifact bytes (hashing them and writing them through the buffer).
    ///
    /// - Throws: ``ArtifactError`` of kind `.io`; the temporary file is then removed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try ensureOpen()
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
        let capacity = buffer.count
        if buffered + bytes.count <= capacity {
            append(source, count: bytes.count)
            if buffered == capacity {
                try flushBuffer()
            }
            return
        }
        try flushBuffer()
        if bytes.count >= capacity {
            try writeFully(source, count: bytes.count)
        } else {
            append(source, count: bytes.count)
        }
    }

    /// Convenience: feeds `chunk` (any size, any boundary) to an internal
    /// ``StrictBase64Decoder`` and writes the decoded bytes.
    ///
    /// - Throws: ``ArtifactError`` of kind `.invalidBase64` or `.io`; the temporary file is then removed.
    public func writeBase64(_ chunk: UnsafeRawBufferPointer) throws {
        try ensureOpen()
        base64Started = true
        var decoder = self.decoder
        defer { self.decoder = decoder }
        do {
            try decoder.decode(chunk) { try self.write($0) }
        } catch let error as Base64DecodingError {
            throw fail(.invalidBase64(error))
        }
    }

    /// Ends the base64 input started with ``writeBase64(_:)``, validating the final quad.
    /// ``commit(expectedSize:expectedSHA256:fileExtension:)`` calls it if the caller did not.
    ///
    /// - Throws: ``ArtifactError`` of kind `.invalidBase64` (e.g. missing padding) or `.io`.
    public func finishBase64() throws {
        try ensureOpen()
        if base64Finished { return }
        var decoder = self.decoder
        defer { self.decoder = decoder }
        do {
            try decoder.finish { try self.write($0) }
        } catch let error as Base64DecodingError {
            throw fail(.invalidBase64(error))
        }
        base64Finished = true
    }

    /// Flushes, fsyncs, verifies against the expectations (each optional), then renames to
    /// `<directory>/<sha256hex>.<ext>`; if that file exists already, the temp file is removed
    /// (write-once dedupe) and `alreadyExisted` is true. On any failure the temp file is
    /// removed and an ``ArtifactError`` is thrown; the file never appears under its content address.
    ///
    /// - Parameters:
    ///   - expectedSize: Declared size in bytes, or `nil` to skip the check.
    ///   - expectedSHA256: Declared SHA-256 as 64 hex digits (any case), or `nil` to skip the check.
    ///     Anything else is a `.checksumMismatch`.
    ///   - fileExtension: 1–10 characters of `a-z0-9`, normally from ``ArtifactFileExtension/choose(mediaType:fileName:)``.
    public func commit(expectedSize: Int64?, expectedSHA256: String?, fileExtension: String) throws -> StoredArtifact {
        try ensureOpen()
        if base64Started && !base64Finished {
            try finishBase64()
        }
        guard ArtifactFileExtension.isSafe(fileExtension) else {
            throw fail(.unsafeFileExtension(fileExtension))
        }
        try flushBuffer()
        while syncOnCommit, fsync(descriptor) != 0 {
            let code = errno
            if code != EINTR {
                throw fail(.io(path: temporaryPath, message: "fsync failed: \(Self.errnoText(code))"))
            }
        }
        let closeResult = close(descriptor)
        let closeError = errno
        descriptor = -1
        if closeResult != 0 && closeError != EINTR {
            throw fail(.io(path: temporaryPath, message: "close failed: \(Self.errnoText(closeError))"))
        }

        let sha256 = Self.hex(hasher.finalize())
        if let expectedSize, expectedSize != size {
            throw fail(.sizeMismatch(expected: expectedSize, actual: size))
        }
        if let expectedSHA256,
           !ArtifactError.isSHA256Hex(expectedSHA256) || expectedSHA256.lowercased() != sha256 {
            throw fail(.checksumMismatch(expected: expectedSHA256, actual: sha256))
        }

        let fileName = sha256 + "." + fileExtension
        let finalPath = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        let alreadyExisted = try publish(to: finalPath)
        if syncOnCommit { syncDirectory() }
        state = .committed
        return StoredArtifact(sha256: sha256, size: size, fileName: fileName, alreadyExisted: alreadyExisted)
    }

    /// Removes the temporary file. Does nothing after a commit or an earlier discard.
    public func discard() {
        switch state {
        case .open:
            removeTemporaryFile()
            state = .discarded
        case .failed:
            state = .discarded
        case .committed, .discarded:
            break
        }
    }

    // MARK: - Private

    /// Moves the temporary file to `finalPath` without ever replacing an existing file.
    /// Returns true when a file already existed there (the temporary file is then removed).
    private func publish(to finalPath: String) throws -> Bool {
        if link(temporaryPath, finalPath) == 0 {
            unlink(temporaryPath)
            return false
        }
        let code = errno
        if code == EEXIST {
            unlink(temporaryPath)
            return true
        }
        // File systems without hard links: check, then rename (not atomic against a
        // concurrent writer of the same content, which would write identical bytes).
        guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EXDEV || code == EMLINK || code == ENOSYS else {
            throw fail(.io(path: finalPath, message: "link failed: \(Self.errnoText(code))"))
        }
        if access(finalPath, F_OK) == 0 {
            unlink(temporaryPath)
            return true
        }
        if rename(temporaryPath, finalPath) != 0 {
            let renameError = errno
            throw fail(.io(path: finalPath, message: "rename failed: \(Self.errnoText(renameError))"))
        }
        return false
    }

    /// Best effort: makes the new directory entry durable.
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            _ = close(fd)
        }
    }

    private func ensureOpen() throws {
        switch state {
        case .open:
            return
        case let .failed(error):
            throw error
        case .committed:
            throw ArtifactError(.io(path: temporaryPath, message: "the artifact writer was already committed"), artifact: artifactName)
        case .discarded:
            throw ArtifactError(.io(path: temporaryPath, message: "the artifact writer was already discarded"), artifact: artifactName)
        }
    }

    /// Removes the temporary file, records the failure and returns the error to throw.
    private func fail(_ kind: ArtifactError.Kind) -> ArtifactError {
        let error = ArtifactError(kind, artifact: artifactName)
        if case .open = state {
            removeTemporaryFile()
        }
        state = .failed(error)
        return error
    }

    private func removeTemporaryFile() {
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }

    private func append(_ source: UnsafeRawPointer, count: Int) {
        guard let base = buffer.baseAddress else { return }
        (base + buffered).copyMemory(from: source, byteCount: count)
        buffered += count
    }

    private func flushBuffer() throws {
        guard buffered > 0, let base = buffer.baseAddress else { return }
        let count = buffered
        buffered = 0
        try writeFully(UnsafeRawPointer(base), count: count)
    }

    private func writeFully(_ source: UnsafeRawPointer, count: Int) throws {
        var done = 0
        while done < count {
            #if canImport(Darwin)
            let written = Darwin.write(descriptor, source + done, count - done)
            #elseif canImport(Musl)
            let written = Musl.write(descriptor, source + done, count - done)
            #else
            let written = Glibc.write(descriptor, source + done, count - done)
            #endif
            if written > 0 {
                done += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                let code = written < 0 ? errno : ENOSPC
                throw fail(.io(path: temporaryPath, message: "write failed: \(Self.errnoText(code))"))
            }
        }
    }

    private static func errnoText(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    private static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// 16 random bytes in hex, from two draws of the system generator (each draw is a
    /// `getrandom` call; drawing byte by byte made 16 of them per artifact).
    private static func randomHex128() -> String {
        var generator = SystemRandomNumberGenerator()
        let words = [generator.next() as UInt64, generator.next() as UInt64]
        return hex(words.withUnsafeBytes { Array($0) })
    }
}
