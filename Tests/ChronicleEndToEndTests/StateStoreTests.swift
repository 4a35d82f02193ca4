import ChronicleCore
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

    /// Held artifacts are found by declared checksum (any session) or by identity, the newest
    /// run's copy first, each query asked again and again (the statements are prepared once);
    /// a source holds artifacts only once a run of it has committed some.
    @Test func heldArtifactsAreFoundBySourceChecksumAndIdentity() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let store = try SQLiteStateStore(path: tmp.path + "/state.sqlite")
        #expect(try store.mayHoldArtifacts(source: "src") == false)
        let sha = String(repeating: "a", count: 64)
        for run in ["20261120T020000Z", "20261121T020000Z"] {
            var v = Self.version("s-\(run)", run: run, events: 1)
            v.artifacts = [HeldArtifact(identity: ArtifactIdentity(artifactID: "art", version: "1", declaredSHA256: sha.uppercased()), sha256: sha, size: 3, storedPath: "artifacts/\(sha).png")]
            try store.commit(run: RunRecord(source: "src", runID: run, status: .complete, startedAt: run), versions: [v])
        }
        #expect(try store.mayHoldArtifacts(source: "src"))
        #expect(try store.mayHoldArtifacts(source: "other") == false)
        for _ in 0..<3 {
            let byChecksum = try store.heldArtifact(source: "src", agentID: "x", sessionID: "y", identity: ArtifactIdentity(artifactID: "z", version: "9", declaredSHA256: sha))
            #expect(byChecksum?.runID == "20261121T020000Z")
            let byIdentity = try store.heldArtifact(source: "src", agentID: "agt", sessionID: "s-20261120T020000Z", identity: ArtifactIdentity(artifactID: "art", version: "1"))
            #expect(byIdentity?.runID == "20261120T020000Z")
            #expect(byIdentity?.storedPath == "artifacts/\(sha).png")
            #expect(try store.heldArtifact(source: "other", agentID: "agt", sessionID: "s-20261120T020000Z", identity: ArtifactIdentity(artifactID: "art", version: "1", declaredSHA256: sha)) == nil)
        }
    }

    /// The cumulative index's rows: the newest version of every session of every source, in
    /// order, as picking them from the whole history gives them.
    @Test func latestVersionsOfAllSourcesComeInOrder() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let store = try SQLiteStateStore(path: tmp.path + "/state.sqlite")
        let runs = ["20261120T020000Z", "20261121T020000Z", "20261121T020000Z-01", "20261122T020000Z"]
        var generator = SplitMix64(seed: 5)
        for (r, run) in runs.enumerated() {
            for source in ["b-src", "a-src"] {
                var versions: [SessionVersionRecord] = []
                for n in 0..<30 where Int.random(in: 0..<3, using: &generator) != 0 {
                    var v = Self.version("s\(n)", run: run, events: r * 100 + n)
                    v.source = source
                    v.agentID = n % 2 == 0 ? "agt" : "agt-2"
                    versions.append(v)
                }
                try store.commit(run: RunRecord(source: source, runID: run, status: .complete, startedAt: run), versions: versions)
            }
        }
        // The history, whole, picked in Swift.
        var newest: [String: SessionVersionRecord] = [:]
        for v in try store.versions(source: nil) {
            let key = v.source + "\u{0}" + v.agentID + "\u{0}" + v.sessionID
            if let old = newest[key], old.runID > v.runID { continue }
            newest[key] = v
        }
        let expected = newest.values.sorted { ($0.source, $0.agentID, $0.sessionID) < ($1.source, $1.agentID, $1.sessionID) }
        var streamed: [SessionVersionRecord] = []
        try store.forEachLatestVersion { streamed.append($0) }
        #expect(streamed == expected)
        #expect(streamed.count > 40 && Set(streamed.map(\.runID)).count >= 3)
    }
}
