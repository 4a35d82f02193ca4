/// Pull-based compressed input for the strict decoder: either a file read in
/// fixed-size chunks, or an in-memory copy. Tracks the absolute byte offset.
final class GzipByteSource {
    /// Chunk size used when reading files.
    static let fileChunkSize = 64 * 1024

    private let buffer: UnsafeMutableRawBufferPointer
    private let fd: Int32
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// Absolute offset of `buffer[0]` in the input.
    private var bufferOffset: UInt64 = 0
    /// The file path, for error messages; `nil` for in-memory input.
    let path: String?

    /// Opens `path` for chunked reading.
    init(path: String) throws(GzipIntegrityError) {
        switch POSIX.openForReading(path) {
        case .success(let descriptor):
            fd = descriptor
        case .failure(let error):
            throw GzipIntegrityError(
                kind: .io, path: path, offset: nil,
                message: "cannot open file: \(POSIX.errorString(error.code)) (errno \(error.code))")
        }
        self.path = path
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.fileChunkSize, alignment: 16)
    }

    /// Wraps an in-memory copy of `bytes`.
    init(bytes: [UInt8]) {
        fd = -1
        path = nil
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress, let destination = buffer.baseAddress {
                destination.copyMemory(from: base, byteCount: source.count)
            }
        }
        end = bytes.count
        atEOF = true
    }

    deinit {
        if fd >= 0 {
            _ = POSIX.closeDescriptor(fd)
        }
        buffer.deallocate()
    }

    /// Absolute offset of the next unread byte.
    var offset: UInt64 { bufferOffset + UInt64(start) }

    /// The buffered, not yet consumed bytes.
    var available: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[start..<end])
    }

    /// Marks `count` buffered bytes as consumed.
    func advance(by count: Int) {
        start += count
    }

    /// Ensures at least one unread byte is buffered. Returns `false` at end of input.
    func fill() throws(GzipIntegrityError) -> Bool {
        if start < end { return true }
        if atEOF { return false }
        bufferOffset += UInt64(end)
        start = 0
        end = 0
        switch POSIX.readSome(fd, into: buffer) {
        case .success(let count):
            if count == 0 {
                atEOF = true
                return false
            }
            end = count
            return true
        case .failure(let error):
            throw GzipIntegrityError(
                kind: .io, path: path, offset: offset,
                message: "read failed: \(POSIX.errorString(error.code)) (errno \(error.code))")
        }
    }

    /// Reads one byte, or returns `nil` at end of input.
    func nextByte() throws(GzipIntegrityError) -> UInt8? {
        guard try fill() else { return nil }
        let byte = buffer[start]
        start += 1
        return byte
    }
}
