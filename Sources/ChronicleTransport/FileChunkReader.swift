import ChronicleCore
import Foundation
import Synchronization

/// Reads a file in fixed-size chunks, on demand; closes it at the end or when dropped.
/// Plain POSIX calls: `FileManager.attributesOfItem` reads `/etc/passwd` and `/etc/group` for
/// every file and `FileHandle` copies each chunk through `Data`.
final class FileChunkReader: Sendable {
    static let chunkSize = 256 * 1024
    /// The open descriptor (-1 once the file is read or failed) and the bytes read so far.
    private let state: Mutex<(descriptor: Int32, offset: UInt64)>
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
        state = Mutex((fd, 0))
        self.request = request
    }

    /// The next chunk: at most ``chunkSize`` bytes, allocated for what the file still holds by
    /// its size (a small file's one chunk is no bigger than the file); `nil` at the end.
    func next() throws -> [UInt8]? {
        try state.withLock { state -> [UInt8]? in
            let fd = state.descriptor
            guard fd >= 0 else { return nil }
            // One more byte than the size promises, so a file that grew is read to its end.
            let expected = size > state.offset ? Int(min(UInt64(Self.chunkSize), size - state.offset)) : 0
            let capacity = expected < Self.chunkSize ? expected + 1 : Self.chunkSize
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
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
                state.descriptor = -1
                throw TransportError(.io, request: request, detail: "reading the replay file failed: \(String(cString: strerror(failure)))")
            }
            state.offset += UInt64(chunk.count)
            if chunk.count < capacity {
                _ = close(fd)
                state.descriptor = -1
            }
            return chunk.isEmpty ? nil : chunk
        }
    }

    deinit {
        state.withLock { state in
            if state.descriptor >= 0 { _ = close(state.descriptor) }
            state.descriptor = -1
        }
    }
}
