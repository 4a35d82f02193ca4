import ChronicleCommands
import ChronicleExport
import ChronicleJSON
import ChronicleStateSQLite
import ChronicleTestSupport
import Foundation
import Testing

/// Incremental nightly runs: unchanged sessions are skipped (Vectara sessions carry no
/// `updated_at`: their event and artifact-listing pages are read and compared, nothing more); new and
/// changed ones become new versions in the new bag; earlier bags are never touched.
@Suite("Incremental runs", .serialized)
struct IncrementalExportTests {
    static func runExport(_ tree: String, _ out: String, _ extra: [String] = [], log: RequestLog) async throws -> Int32 {
        let command = try ExportCommand.parse(["--platform", "vectara", "--base-url", "file:" + tree, "--out", out] + extra)
        return await command.execute(environment: [:], wrapTransport: { CountingTransport(base: $0, log: log) })
    }

    /// Session ids in a bag's run.json.
    static func sessionsInBag(_ bag: String) throws -> [String] {
        let data = try #require(FileManager.default.contents(atPath: bag + "/data/run.json"))
        let doc = try JSONParser.parse([UInt8](data))
        return (doc["sessions"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }.sorted()
    }

    /// The listing pages of `sessions`: what comparing them costs.
    static func listingPages(_ sessions: [String]) -> Set<String> {
        Set(sessions.flatMap { ["agents/agt/sessions/\($0)/events", "agents/agt/sessions/\($0)/artifacts"] })
    }

    @Test func unchangedSessionsCostOnlyTheirPagesAndChangedOnesBecomeNewVersions() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        for (i, id) in ["s1", "s2", "s3"].enumerated() { tree.touch(id, addEvents: 2, minute: 10 + i) }
        try tree.write()
        let log = RequestLog()

        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        var all = try bags(in: out, source: "vectara")
        #expect(all.count == 1)
        #expect(try Self.sessionsInBag(all[0]) == ["s1", "s2", "s3"])
        #expect(log.sessionContentRequests.count == 6)

        // Nothing changed: each session's event and artifact-listing pages are read to compare
        // (no updated_at), no artifact is fetched, nothing is exported.
        log.reset()
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        #expect(log.sessionContentRequests.count == 6, "\(log.requests)")
        #expect(Set(log.sessionContentRequests) == Self.listingPages(["s1", "s2", "s3"]), "\(log.requests)")
        all = try bags(in: out, source: "vectara")
        #expect(all.count == 2, "an empty run still publishes its bag")
        #expect(try Self.sessionsInBag(all[1]).isEmpty)
        #expect(try verify([all[1]]) == 0)

        // A new session and events appended to s2: exactly those are exported, as new versions.
        let firstBagManifest = try sha256sum(all[0] + "/tagmanifest-sha256.txt")
        tree.touch("s2", addEvents: 3, minute: 100)
        tree.touch("s4", addEvents: 1, minute: 101)
        try tree.write()
        log.reset()
        try await Task.sleep(for: .seconds(1))
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        all = try bags(in: out, source: "vectara")
        #expect(all.count == 3)
        #expect(try Self.sessionsInBag(all[2]) == ["s2", "s4"])
        #expect(Set(log.sessionContentRequests) == Self.listingPages(["s1", "s2", "s3", "s4"]))
        #expect(try sha256sum(all[0] + "/tagmanifest-sha256.txt") == firstBagManifest, "earlier bags are never modified")
        #expect(try verify(all) == 0)

        let store = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        let versions = try store.versions(source: "vectara")
        #expect(versions.filter { $0.sessionID == "s2" }.map(\.eventCount) == [2, 5])
        #expect(versions.count == 5)
        let latest = try store.latestVersions(source: "vectara")
        #expect(latest[SessionKey(agentID: "agt", sessionID: "s2")]?.runID == URL(fileURLWithPath: all[2]).lastPathComponent)
        #expect(try store.runs(source: "vectara").map(\.status) == [.complete, .complete, .complete])

        // --full exports everything again.
        try await Task.sleep(for: .seconds(1))
        #expect(try await Self.runExport(tree.root, out, ["--full"], log: log) == 0)
        all = try bags(in: out, source: "vectara")
        #expect(try Self.sessionsInBag(all[3]) == ["s1", "s2", "s3", "s4"])
    }

    @Test func withoutUpdatedAtSessionsAreFetchedAndComparedByContent() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.listingWithoutUpdatedAt = true
        tree.touch("a", addEvents: 1, minute: 1)
        tree.touch("b", addEvents: 1, minute: 1)
        try tree.write()
        let log = RequestLog()
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        try await Task.sleep(for: .seconds(1))
        tree.touch("b", addEvents: 1, minute: 2)
        try tree.write()
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        let all = try bags(in: out, source: "vectara")
        #expect(all.count == 2)
        #expect(try Self.sessionsInBag(all[1]) == ["b"], "a was fetched, found unchanged, and left out")
        #expect(!FileManager.default.fileExists(atPath: all[1] + "/data/archive/a.json.gz"))
        #expect(try verify(all) == 0)
    }

    @Test func dryRunSinceAndUntil() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.touch("old", minute: 0)
        tree.touch("mid", minute: 60 * 24)
        tree.touch("new", minute: 60 * 48)
        try tree.write()
        let log = RequestLog()
        #expect(try await Self.runExport(tree.root, out, ["--dry-run"], log: log) == 0)
        #expect(log.sessionContentRequests.isEmpty)
        #expect(((try? bags(in: out, source: "vectara")) ?? []).isEmpty, "a dry run writes no bag")
        #expect(try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").runs(source: nil).isEmpty, "and changes no state")

        let since = NightlyTree.stamp(60 * 12)
        let until = NightlyTree.stamp(60 * 36)
        #expect(try await Self.runExport(tree.root, out, ["--since", since, "--until", until], log: log) == 0)
        let all = try bags(in: out, source: "vectara")
        #expect(try Self.sessionsInBag(all[0]) == ["mid"])
        #expect(try await Self.runExport(tree.root, out, ["--since", "yesterday"], log: log) == 64)
    }

    @Test func bagsWithoutStateAreAdoptedNotExportedAgain() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.touch("x", addEvents: 2, minute: 5)
        tree.touch("y", addEvents: 2, minute: 6)
        try tree.write()
        let log = RequestLog()
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        // As if the run had been killed between the bag's rename and the state commit.
        try FileManager.default.removeItem(atPath: out + "/.chronicle/state.sqlite")
        try await Task.sleep(for: .seconds(1))
        log.reset()
        #expect(try await Self.runExport(tree.root, out, log: log) == 0)
        // Vectara sessions carry no updated_at: the adopted sessions' pages are read to compare, and
        // they are not exported again.
        #expect(Set(log.sessionContentRequests) == Self.listingPages(["x", "y"]), "the adopted bag's sessions are not fetched again")
        #expect(try Self.sessionsInBag(try #require(try bags(in: out, source: "vectara").last)).isEmpty)
        let store = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        let runs = try store.runs(source: "vectara")
        #expect(runs.map(\.status) == [.adopted, .complete])
        #expect(try store.versions(source: "vectara").count == 2)
    }
}
