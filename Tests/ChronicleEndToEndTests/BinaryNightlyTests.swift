import ChronicleExport
import ChronicleJSON
import ChronicleStateSQLite
import ChronicleTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real binary: two concurrent runs (the second exits 75 naming the holder), SIGTERM (exits
/// at once, commits nothing, leaves no bag), `--log-format json` and `--metrics-file`.
@Suite("Nightly operation (real binary)", .serialized)
struct BinaryNightlyTests {
    static func tree(_ root: String, sessions: Int) throws -> NightlyTree {
        var tree = NightlyTree(root: root)
        for i in 0..<sessions { tree.touch("s\(i)", addEvents: 2, minute: i) }
        try tree.write()
        return tree
    }

    @Test func twoConcurrentRunsTheSecondExits75() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        // Slow enough (~40 s) to outlast any scheduling delay of this test under a loaded suite;
        // it is stopped with SIGTERM once the second run has been refused.
        let tree = try Self.tree(tmp.path + "/tree", sessions: 20)
        // Start the first run and wait until it holds the lock (it writes its pid into the lock
        // file). On a machine loaded by the rest of the suite the first run may still end before
        // the check below; then it is started again (at most three times) with a fresh output.
        var first = Process()
        var firstLog = ""
        var attempt = 0
        var out = tmp.path + "/out"
        repeat {
            attempt += 1
            out = tmp.path + "/out\(attempt)"
            first = Process()
            first.executableURL = URL(fileURLWithPath: BinaryMemoryTests.binary)
            first.arguments = ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out, "--concurrency", "1", "--replay-delay-ms", "1000"]
            firstLog = tmp.path + "/first\(attempt).log"
            _ = FileManager.default.createFile(atPath: firstLog, contents: nil)
            let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: firstLog))
            first.standardOutput = logHandle
            first.standardError = logHandle
            try first.run()
            let lockFile = out + "/.chronicle/lock"
            var holder = ""
            for _ in 0..<200 {
                holder = (try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? ""
                if holder.hasPrefix("pid ") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(holder.hasPrefix("pid \(first.processIdentifier) "), "lock file: \(holder)")
        } while !first.isRunning && attempt < 3
        #expect(first.isRunning, "the first run ended early (status \(first.isRunning ? -1 : first.terminationStatus)): \((try? String(contentsOfFile: firstLog, encoding: .utf8)) ?? "")")
        let args = ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out, "--concurrency", "1"]
        let second = try run(BinaryMemoryTests.binary, args)
        #expect(second.status == 75)
        #expect(second.output.contains("pid \(first.processIdentifier)"), "\(second.output)")
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        #expect(first.terminationStatus == 143)
    }

    @Test func sigtermStopsQuicklyAndCommitsNothing() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = try Self.tree(tmp.path + "/tree", sessions: 20)
        let out = tmp.path + "/out"
        // ~40 s uninterrupted: SIGTERM comes long before the end, however late this test is scheduled.
        let p = try CrashSafetyTests.start(["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out, "--concurrency", "1", "--replay-delay-ms", "1000"])
        try await Task.sleep(for: .milliseconds(1500))
        let sent = Date()
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 5)
        #expect(p.terminationStatus == 143)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out + "/vectara")) ?? []
        #expect(names.isEmpty, "no bag and no leftover: \(names)")
        let store = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        #expect(try store.versions(source: nil).isEmpty)
        #expect(try store.runs(source: nil).map(\.status) == [.interrupted])
    }

    @Test func jsonLogsAndPrometheusMetrics() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = try Self.tree(tmp.path + "/tree", sessions: 3)
        let metrics = tmp.path + "/metrics/chronicle.prom"
        try FileManager.default.createDirectory(atPath: tmp.path + "/metrics", withIntermediateDirectories: true)
        let r = try run(BinaryMemoryTests.binary, ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", tmp.path + "/out", "--log-format", "json", "--metrics-file", metrics])
        #expect(r.status == 0)
        var summaries = 0
        for line in r.output.split(separator: "\n") {
            let value = try JSONParser.parse(Array(line.utf8))
            if value["event"]?.stringValue == "summary" {
                summaries += 1
                #expect(value["exported"]?.int64Value == 3)
                #expect(value["chain_sha256"]?.stringValue?.count == 64)
            }
        }
        #expect(summaries == 1)
        let text = try String(contentsOfFile: metrics, encoding: .utf8)
        let samples = try PrometheusText.parse(text)
        #expect(samples["chronicle_last_run_exit_code"] == 0)
        #expect(samples["chronicle_source_last_run_sessions_exported{source=\"vectara\"}"] == 3)
        #expect(samples["chronicle_source_last_run_status{source=\"vectara\",status=\"complete\"}"] == 1)
        #expect((samples["chronicle_last_run_timestamp_seconds"] ?? 0) > 1_700_000_000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/metrics")
        #expect(leftovers == ["chronicle.prom"], "written atomically, no temporary left")
        // Python's prometheus_client, when present, must parse it too.
        if try run("python3", ["-c", "import prometheus_client"]).status == 0 {
            let py = try run("python3", ["-c", "import sys; from prometheus_client.parser import text_string_to_metric_families as p; print(len(list(p(open(sys.argv[1]).read()))))", metrics])
            #expect(py.status == 0, "\(py.output)")
        }
    }
}
