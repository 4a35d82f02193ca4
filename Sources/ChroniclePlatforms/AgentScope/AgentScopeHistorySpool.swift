import ChronicleCore
import Foundation

/// The raw message records of one session's history pages, kept in a private temporary file
/// (mode 0600) while the pages arrive newest first, then read back oldest page first, each page
/// in its own (chronological) order. Memory holds one record and a table of page offsets, never
/// the session. The file's name is removed as soon as it is open (only the handle reaches the
/// data); ``remove()`` closes it (and removes the name, should it still exist); the adapter calls
/// it on every path (`defer`).
final class AgentScopeHistorySpool {
    /// One page: where its records start in the file, how many there are, and its request.
    private struct Page {
        var offset: UInt64
        var count: Int
        var request: String
    }

    let path: String
    private let source: String
    private let sessionID: String
    private let handle: FileHandle
    private var pages: [Page] = []
    private var end: UInt64 = 0
    private var removed = false

    /// Creates the file in `directory` (default: the system's temporary folder).
    init(directory: String = NSTemporaryDirectory(), sessionID: String, source: String) throws {
        let name = "chronicle-agentscope-\(UUID().uuidString).spool"
        path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forUpdatingAtPath: path)
        else {
            try? FileManager.default.removeItem(atPath: path)
            throw PlatformError(
                .unreachable, source: source, sessionID: sessionID,
                message: "cannot create the temporary file \(path) that holds the history pages: check that \(directory) is writable and has space"
            )
        }
        self.handle = handle
        self.source = source
        self.sessionID = sessionID
        // Unlinked at once: the open handle keeps the data, and nothing is left behind even if
        // the process is killed before ``remove()`` runs.
        try? FileManager.default.removeItem(atPath: path)
    }

    deinit { remove() }

    /// Number of records spooled.
    var recordCount: Int { pages.reduce(0) { $0 + $1.count } }

    /// Starts the next (older) page.
    func beginPage(request: String) {
        pages.append(Page(offset: end, count: 0, request: request))
    }

    /// Appends one record of the current page: its length (8 bytes, little endian), then its bytes.
    func append(_ bytes: [UInt8]) throws {
        guard !pages.isEmpty else { return }
        var frame = [UInt8]()
        frame.reserveCapacity(8 + bytes.count)
        var n = UInt64(bytes.count).littleEndian
        withUnsafeBytes(of: &n) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: bytes)
        do {
            try handle.seek(toOffset: end)
            try handle.write(contentsOf: frame)
        } catch {
            throw PlatformError(
                .unreachable, source: source, sessionID: sessionID,
                message: "cannot write the history pages to the temporary file \(path): \(error.localizedDescription); free space there and run again"
            )
        }
        end += UInt64(frame.count)
        pages[pages.count - 1].count += 1
    }

    /// Calls `body` with each record, oldest page first, each page front to back.
    func replayOldestFirst(kind: String, _ body: (RawRecord) async throws -> Void) async throws {
        for page in pages.reversed() {
            var offset = page.offset
            for _ in 0..<page.count {
                let bytes = try record(at: offset)
                offset += 8 + UInt64(bytes.count)
                try await body(RawRecord(kind: kind, request: page.request, bytes: bytes))
            }
        }
    }

    /// The record framed at `offset`.
    private func record(at offset: UInt64) throws -> [UInt8] {
        do {
            try handle.seek(toOffset: offset)
            let head = try handle.read(upToCount: 8) ?? Data()
            guard head.count == 8 else { throw spoolDamaged(offset) }
            let length = head.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            guard length <= UInt64(Int.max) else { throw spoolDamaged(offset) }
            let bytes = length == 0 ? Data() : (try handle.read(upToCount: Int(length)) ?? Data())
            guard UInt64(bytes.count) == length else { throw spoolDamaged(offset) }
            return [UInt8](bytes)
        } catch let error as PlatformError {
            throw error
        } catch {
            throw PlatformError(
                .unreachable, source: source, sessionID: sessionID,
                message: "cannot read the history pages back from the temporary file \(path): \(error.localizedDescription); run the export again"
            )
        }
    }

    private func spoolDamaged(_ offset: UInt64) -> PlatformError {
        PlatformError(
            .unreachable, source: source, sessionID: sessionID,
            message: "the temporary file \(path) holding the history pages ends early at byte \(offset) (changed or truncated by something else?): run the export again"
        )
    }

    /// Closes and deletes the file (again: nothing).
    func remove() {
        guard !removed else { return }
        removed = true
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}
