import ChronicleCore
import Foundation
import Synchronization

/// Reads a file in fixed-size chunks, on demand; closes it at the end or when dropped.
/// Plain POSIX calls: `FileManager.attributesOfItem` reads `/etc/passwd` and `/etc/group` for
/// every file and `FileHandle` copies each chunk through `Data`.
final class FileChunkReader: Sendable {
    static let chunkSize = 256 * 1024
    /// The open descriptor, or -1 once the file is read or failed.
    private let descriptor: Mutex<Int32>
    private let request: String
    let size: UInt64

    init(path: String, request: String) throws {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            throw TransportError(.io, request: request, detail: "cannot open replay file \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        size = fstat(fd, &info) == 0 ? UInt64(max(0, info.st_size)) : 0
        descriptor = Mutex(fd)
        self.request = request
    }

    func next() throws -> [UInt8]? {
        try descriptor.withLock { fd -> [UInt8]? in
            guard fd >= 0 else { return nil }
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: Self.chunkSize) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { return }
                    count += n
                }
            }
            if failure != 0 {
                _ = close(fd)
                fd = -1
                throw TransportError(.io, request: request, detail: "reading the replay file failed: \(String(cString: strerror(failure)))")
            }
            if chunk.count < Self.chunkSize {
                _ = close(fd)
                fd = -1
            }
            return chunk.isEmpty ? nil : chunk
        }
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { _ = close(fd) }
            fd = -1
        }
    }
}
