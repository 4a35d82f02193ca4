import ChronicleCore
import Foundation
import Synchronization

/// Reads a spooled body file in chunks, on demand, then deletes it: at the end of the body, on a
/// read error, or when the body is dropped unread.
final class SpoolFileReader: Sendable {
    static let chunkSize = 256 * 1024
    private let handle: Mutex<FileHandle?>
    let path: String
    private let request: String

    /// Takes ownership of `handle` (positioned at the start) and of the file at `path`.
    init(handle: FileHandle, path: String, request: String) {
        self.handle = Mutex(handle)
        self.path = path
        self.request = request
    }

    func next() throws -> [UInt8]? {
        try handle.withLock { h -> [UInt8]? in
            guard let fh = h else { return nil }
            let data: Data?
            do {
                data = try fh.read(upToCount: Self.chunkSize)
            } catch {
                Self.close(fh, path: path)
                h = nil
                throw TransportError(.io, request: request, detail: "reading the spooled body failed: \(error)")
            }
            guard let data, !data.isEmpty else {
                Self.close(fh, path: path)
                h = nil
                return nil
            }
            return [UInt8](data)
        }
    }

    private static func close(_ handle: FileHandle, path: String) {
        try? handle.close()
        unlink(path)
    }

    deinit {
        handle.withLock { h in
            if let fh = h { Self.close(fh, path: path) }
            h = nil
        }
    }
}
