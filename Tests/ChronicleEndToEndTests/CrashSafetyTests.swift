import ChronicleExport
import ChronicleJSON
import ChronicleStateSQLite
import ChronicleTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary, SIGKILLed at many moments of slow runs (a replay tree slowed by the hidden
/// `--replay-delay-ms`): after each kill a rerun completes, every visible bag validates, state
/// matches the bags exactly, and every version of every session is in exactly one bag.
@Suite("Crash safety (real binary)", .serialized)
struct CrashSafetyTests {
    static func start(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: BinaryMemoryTests.binary)
        p.arguments = arguments
        // A handle of its own: the shared `FileHandle.nullDevice` can be closed under a
        // concurrently launched process (swift-corelibs-foundation), leaving it a stray fd.
        let sink = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = sink
        p.standardError = sink
        try p.run()
        return p
    }

    /// Checks every invariant of an output folder against the tree's current sessions.
    static func checkInvariants(out: String, tree: NightlyTree, context: String) throws {
        let source = out + "/vectara"
        let names = try FileManager.default.contentsOfDirectory(atPath: source)
        #expect(names.allSatisfy { !$0.hasPrefix(".incomplete") }, "leftovers after the rerun: \(names) (\(context))")
        let visible = names.filter { !$0.hasPrefix(".") }.sorted()
        let check = try run(BinaryMemoryTests.binary, ["verify"] + visible.map { source + "/" + $0 })
        #expect(check.status == 0, "verify (\(context)): \(check.output.suffix(600))")
        let store = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        let committed = try store.committedRunIDs(source: "vectara")
        #expect(committed == Set(visible), "state and bags differ (\(context)): \(committed.symmetricDifference(visible))")
        // Every committed version is in its bag, exactly once across all bags.
        var where_: [String: [String]] = [:]
        for bag in visible {
            let data = try #require(FileManager.default.contents(atPath: "\(source)/\(bag)/data/run.json"))
            for s in try JSONParser.parse([UInt8](data))["sessions"]?.arrayValue ?? [] {
                let key = "\(s["id"]?.stringValue ?? "?")@\(s["events"]?.int64Value ?? -1)"
                where_[key, default: []].append(bag)
            }
        }
        for (key, bagsHolding) in where_ {
            #expect(bagsHolding.count == 1, "\(key) exported into \(bagsHolding) (\(context))")
        }
        let versions = try store.versions(source: "vectara")
        #expect(versions.count == where_.count, "state holds \(versions.count) versions, bags \(where_.count) (\(context))")
        // The union of the bags holds every session in its current version.
        for (id, s) in tree.sessions {
            #expect(where_["\(id)@\(s.events)"] != nil, "\(id) with \(s.events) events is in no bag (\(context))")
        }
    }

    @Test func killedAtTwentyFourMomentsNothingLostNothingTwice() async throws {
        let binary = BinaryMemoryTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the chronicle binary first (swift build): \(binary)")
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        for i in 0..<24 {
            tree.touch("s\(i)", addEvents: 3, minute: i)
            if i % 4 == 0 { tree.sessions["s\(i)"]?.artifactBytes = 40_000 }
        }
        try tree.write()
        let slow = ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out, "--concurrency", "2", "--replay-delay-ms", "25", "--commit-delay-ms", "200"]
        let rerun = ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out]

        // How long an uninterrupted slow run of the whole tree takes here.
        let measureOut = tmp.path + "/measure"
        let began = Date()
        let measured = try Self.start(slow.map { $0 == out ? measureOut : $0 })
        measured.waitUntilExit()
        var full = Date().timeIntervalSince(began)
        #expect(measured.terminationStatus == 0)

        let kills = 24
        var minute = 1000
        var killedRunning = 0
        var leftIncomplete = 0
        var leftUncommitted = 0
        var attempts = 0
        // Until 24 kills have landed inside a running export, at moments spread over the run (a
        // kill that comes after the run ended shrinks the estimate of its length and is retried).
        while killedRunning < kills, attempts < 48 {
            attempts += 1
            let k = killedRunning
            // Every round changes every session, so every killed run does the measured run's work.
            for i in 0..<24 {
                minute += 1
                tree.touch("s\(i)", addEvents: 1, minute: minute)
            }
            try tree.write()
            let moment = full * 0.95 * (Double(k) + 0.5) / Double(kills)
            let p = try Self.start(slow)
            // A synchronous sleep: the moment must not depend on when this task is scheduled again.
            usleep(UInt32(moment * 1_000_000))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killedRunning += 1
            } else {
                full *= 0.9
            }
            p.waitUntilExit()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out + "/vectara")) ?? []
            if names.contains(where: { $0.hasPrefix(".incomplete") }) { leftIncomplete += 1 }
            if FileManager.default.fileExists(atPath: out + "/.chronicle/state.sqlite") {
                let committed = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").committedRunIDs(source: "vectara")
                if names.contains(where: { !$0.hasPrefix(".") && !committed.contains($0) }) { leftUncommitted += 1 }
            }
            let again = try run(binary, rerun)
            #expect(again.status == 0, "rerun after the kill at \(String(format: "%.2f", moment)) s: \(again.output.suffix(400))")
            try Self.checkInvariants(out: out, tree: tree, context: "kill \(k) at \(String(format: "%.2f", moment)) s")
        }
        // Two more kills aimed exactly between publishing and committing: the commit waits 5 s
        // (--commit-delay-ms), the kill comes as soon as the new bag is visible.
        let aimedArgs = slow.map { $0 == "200" ? "5000" : $0 }
        for aimed in 1...2 {
            for i in 0..<24 {
                minute += 1
                tree.touch("s\(i)", addEvents: 1, minute: minute)
            }
            try tree.write()
            let before = Set((try? FileManager.default.contentsOfDirectory(atPath: out + "/vectara")) ?? [])
            let p = try Self.start(aimedArgs)
            var published = false
            for _ in 0..<2000 where !published {
                let now = Set((try? FileManager.default.contentsOfDirectory(atPath: out + "/vectara")) ?? [])
                published = now.subtracting(before).contains { !$0.hasPrefix(".") }
                if !published { usleep(10_000) }
            }
            #expect(published, "aimed kill \(aimed): no bag was published")
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: out + "/vectara")) ?? []
            let committed = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").committedRunIDs(source: "vectara")
            if names.contains(where: { !$0.hasPrefix(".") && !committed.contains($0) }) { leftUncommitted += 1 }
            let again = try run(binary, rerun)
            #expect(again.status == 0, "rerun after an aimed kill: \(again.output.suffix(400))")
            #expect(again.output.contains("adopted the uncommitted bag"), "\(again.output.suffix(400))")
            try Self.checkInvariants(out: out, tree: tree, context: "aimed kill \(aimed)")
        }
        print("crash test: \(attempts) kills over a \(String(format: "%.2f", full)) s run; \(killedRunning) hit a running export, \(leftIncomplete) left an unfinished bag, \(leftUncommitted) a published but uncommitted bag")
        #expect(killedRunning >= 20, "the kills must land inside the runs")
        #expect(leftIncomplete >= 5, "some kills must land while a bag is being built")
        #expect(leftUncommitted >= 2, "kills must land between publishing and committing")
    }
}
