import ChronicleCore
import Foundation
import Synchronization

/// Reads a file in fixed-size chunks, on demand; closes it at the end or when dropped.
final class FileChunkReader: Sendable {
    static let chunkSize = 256 * 1024
    private let handle: Mutex<FileHandle?>
    private let request: String
    let size: UInt64

    init(path: String, request: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw TransportError(.io, request: request, detail: "cannot open replay file \(path)")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        size = (attributes?[.size] as? NSNumber)?.uint64Value ?? 0
        handle = Mutex(h)
        self.request = request
    }

    func next() throws -> [UInt8]? {
        try handle.withLock { h -> [UInt8]? in
            guard let fh = h else { return nil }
            let data: Data?
            do {
                data = try fh.read(upToCount: Self.chunkSize)
            } catch {
                try? fh.close()
                h = nil
                throw TransportError(.io, request: request, detail: "reading the replay file failed: \(error)")
            }
            guard let data, !data.isEmpty else {
                try? fh.close()
                h = nil
                return nil
            }
            return [UInt8](data)
        }
    }

    deinit {
        handle.withLock { h in
            try? h?.close()
            h = nil
        }
    }
}
