import ChronicleCore
import Foundation

/// Holds the log lines of a session's tasks until they can be handed on in time order: the
/// server sends each task's lines ordered by (`iteration`, `lineNumber`), which interleaves
/// flushes, and the lines of different tasks must be merged.
///
/// Each line's bytes go to a temporary file as they stream in; memory keeps one small
/// ``Entry`` per line (its sort key and where its bytes are), never the lines themselves, so a
/// session's memory is bounded by its largest line plus a few dozen bytes per line. The file is
/// removed by ``close()`` (and at deinit).
final class AgentSwarmLogSpool {
    /// Where one line sits and how it sorts: by `createdAt` (lines without a readable time last),
    /// then `lineNumber`, then the task's position in the chain, then the server's order.
    struct Entry {
        var time: Int64?
        var lineNumber: Int64
        var chainIndex: Int
        var position: Int
        var offset: UInt64
        var length: Int
        var request: String

        func precedes(_ other: Entry) -> Bool {
            (time ?? .max, lineNumber, chainIndex, position) < (other.time ?? .max, other.lineNumber, other.chainIndex, other.position)
        }
    }

    private(set) var entries: [Entry] = []
    private let path: String
    private var handle: FileHandle?
    private var size: UInt64 = 0

    init() throws {
        path = NSTemporaryDirectory() + "/chronicle-agent-swarm-\(UUID().uuidString).spool"
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SpoolError(path: path, message: "cannot create the temporary file that holds a session's log lines while they are sorted; check TMPDIR's space and permissions")
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    }

    deinit {
        close()
    }

    /// Keeps one line's bytes with its sort key.
    func append(_ record: RawRecord, time: Int64?, lineNumber: Int64, chainIndex: Int, position: Int) throws {
        guard let handle else { throw SpoolError(path: path, message: "the spool is closed") }
        try handle.seekToEnd()
        try handle.write(contentsOf: record.bytes)
        entries.append(Entry(time: time, lineNumber: lineNumber, chainIndex: chainIndex, position: position, offset: size, length: record.bytes.count, request: record.request))
        size += UInt64(record.bytes.count)
    }

    /// The entries in hand-on order.
    func sorted() -> [Entry] {
        entries.sorted { $0.precedes($1) }
    }

    /// The bytes of one line, read back.
    func bytes(of entry: Entry) throws -> [UInt8] {
        guard let handle else { throw SpoolError(path: path, message: "the spool is closed") }
        try handle.seek(toOffset: entry.offset)
        let data = try handle.read(upToCount: entry.length) ?? Data()
        guard data.count == entry.length else {
            throw SpoolError(path: path, message: "read \(data.count) of \(entry.length) bytes of a log line back")
        }
        return [UInt8](data)
    }

    func close() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(atPath: path)
    }

    struct SpoolError: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "log spool \(path): \(message)" }
    }
}
