import ChronicleExport
import ChronicleStateSQLite
import ChronicleTestSupport
import Foundation
import Testing

/// The SQLite state store: migrations are idempotent, a run id is committed at most once, a commit
/// is all or nothing, and the newest version of each session wins.
@Suite("State store")
struct StateStoreTests {
    static func version(_ id: String, run: String, events: Int) -> SessionVersionRecord {
        SessionVersionRecord(source: "src", agentID: "agt", sessionID: id, runID: run, directory: id, updatedAt: "t\(events)", eventCount: events, contentSHA256: "d\(events)", exportedAt: "now")
    }

    @Test func commitsAreAtomicAndOncePerRun() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = tmp.path + "/state/state.sqlite"
        let store = try SQLiteStateStore(path: path)
        let run1 = RunRecord(source: "src", runID: "20261120T020000Z", status: .complete, startedAt: "a", exported: 2)
        try store.commit(run: run1, versions: [Self.version("s1", run: "20261120T020000Z", events: 1), Self.version("s2", run: "20261120T020000Z", events: 1)])
        #expect(throws: ExportError.self) { try store.commit(run: run1, versions: []) }
        // A commit that fails half way (a duplicate version) leaves nothing behind.
        let run2 = RunRecord(source: "src", runID: "20261121T020000Z", status: .complete, startedAt: "b")
        let v = Self.version("s1", run: "20261121T020000Z", events: 3)
        #expect(throws: ExportError.self) { try store.commit(run: run2, versions: [v, v]) }
        #expect(try store.committedRunIDs(source: "src") == ["20261120T020000Z"])
        try store.commit(run: run2, versions: [v])
        // Reopening runs the migrator again: nothing changes.
        let again = try SQLiteStateStore(path: path)
        let latest = try again.latestVersions(source: "src")
        #expect(latest[SessionKey(agentID: "agt", sessionID: "s1")]?.eventCount == 3)
        #expect(latest[SessionKey(agentID: "agt", sessionID: "s2")]?.eventCount == 1)
        #expect(try again.versions(source: nil).count == 3)
        #expect(try again.runs(source: "src").map(\.runID) == ["20261120T020000Z", "20261121T020000Z"])
        try again.recordUnpublished(run: RunRecord(source: "src", runID: nil, status: .interrupted, startedAt: "c"))
        try again.recordUnpublished(run: RunRecord(source: "src", runID: nil, status: .failed, startedAt: "d"))
        #expect(try again.runs(source: "src").map(\.status) == [.complete, .complete, .interrupted, .failed])
    }
}
