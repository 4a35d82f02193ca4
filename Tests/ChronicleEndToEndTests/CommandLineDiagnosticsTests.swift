import ArgumentParser
@testable import ChronicleCommands
import ChronicleCore
import ChronicleTestSupport
import Foundation
import Testing

/// What the command line says when something is off: retries as they happen, a listing that is
/// not there, a configuration checked without exporting, grouped help, progress figures.
@Suite("Command line: diagnostics", .serialized)
struct CommandLineDiagnosticsTests {
    static let tokenVariable = "CHRONICLE_DIAGNOSTICS_TOKEN"

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env[tokenVariable] = "test-token-0123456789"
        return env
    }

    /// A closed port: each retry is a line on stderr (what, why, when the next attempt goes),
    /// and the final line names the failure once, without the system's text twice.
    @Test func anUnreachableHostPrintsALinePerRetryAndOneFinalLine() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let r = try run(Repository.chronicleBinary, [
            "export", "--platform", "vectara", "--base-url", "http://127.0.0.1:9", "--token-env", Self.tokenVariable, "--out", tmp.path + "/out", "--connect-timeout", "2",
        ], environment: Self.environment)
        #expect(r.status == 69, "\(r.output)")
        let lines = r.output.split(separator: "\n").map(String.init)
        let retries = lines.filter { $0.contains("next attempt in") }
        #expect(retries.count == 4, "\(r.output)")
        for (i, line) in retries.enumerated() {
            #expect(line.hasPrefix("chronicle: source 'vectara': GET /"), "\(line)")
            #expect(line.contains("failed (attempt \(i + 1) of 5): "), "\(line)")
            #expect(line.range(of: #"next attempt in [0-9]+\.[0-9] s$"#, options: .regularExpression) != nil, "\(line)")
        }
        let final = try #require(lines.last { $0.contains("failed:") && !$0.contains("next attempt") }, "\(r.output)")
        let lower = final.lowercased()
        #expect(lower.components(separatedBy: "connection refused").count - 1 == 1, "\(final)")
        #expect(!lower.contains("errno"), "\(final)")
        #expect(final.contains("gave up after 5 attempts"), "\(final)")
        #expect(final.components(separatedBy: "source 'vectara'").count - 1 == 1, "the source named once: \(final)")
        #expect(final.contains("the platform could not be reached: connection refused (gave up after 5 attempts)"), "\(final)")
    }

    /// With `--log-format json` every retry is a JSON object on stderr, as log shippers read
    /// them, with the attempt and the wait as numbers; no plain line in between.
    @Test func retriesAreJSONLinesUnderJSONLogFormat() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let r = try run(Repository.chronicleBinary, [
            "export", "--platform", "vectara", "--base-url", "http://127.0.0.1:9", "--token-env", Self.tokenVariable, "--out", tmp.path + "/out",
            "--connect-timeout", "2", "--log-format", "json",
        ], environment: Self.environment)
        #expect(r.status == 69, "\(r.output)")
        let lines = r.output.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("chronicle: source 'vectara': GET") }, "\(r.output)")
        let retries = lines.compactMap { line -> [String: Any]? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], object["attempt"] != nil else { return nil }
            return object
        }
        #expect(retries.count == 4, "\(r.output)")
        for (i, object) in retries.enumerated() {
            #expect(object["level"] as? String == "warning")
            #expect(object["source"] as? String == "vectara")
            #expect((object["request"] as? String)?.hasPrefix("GET /") == true)
            #expect((object["attempt"] as? NSNumber)?.intValue == i + 1)
            #expect((object["max_attempts"] as? NSNumber)?.intValue == 5)
            #expect(((object["next_attempt_s"] as? NSNumber)?.doubleValue ?? -1) >= 0)
            #expect((object["msg"] as? String)?.contains("next attempt in") == true)
            #expect(!"\(object)".contains("test-token-0123456789"))
        }
    }

    /// A replay tree's own page size (`replay.json`) is the one its listings were recorded with:
    /// `export` uses it as `sources` does, without `--page-size`.
    @Test func aReplayTreesPageSizeIsUsedByExportAndSources() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = "file:" + Repository.samples + "/vectara"
        #expect(try await export(["--platform", "vectara", "--base-url", tree, "--out", tmp.path + "/out"]) == 0)
        let report = await (try SourcesCommand.parse(["--platform", "vectara", "--base-url", tree])).check()
        #expect(report.status == 0, "\(report.lines)")
    }

    /// `sources --config FILE` checks the file, then its sources; nothing is exported.
    @Test func sourcesChecksAConfigurationWithoutExporting() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let good = """
            out = "\(tmp.path)/out"
            [[source]]
            name = "support"
            platform = "vectara"
            base_url = "file:\(Repository.samples)/vectara"
            """
        try Data(good.utf8).write(to: URL(fileURLWithPath: tmp.path + "/good.toml"))
        let ok = await (try SourcesCommand.parse(["--config", tmp.path + "/good.toml"])).check()
        #expect(ok.status == 0, "\(ok.lines)")
        #expect(ok.lines.first == "configuration \(tmp.path)/good.toml: valid, 1 source", "\(ok.lines)")
        #expect(ok.lines.contains { $0.hasPrefix("source support (vectara): replay tree readable") }, "\(ok.lines)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/out"), "nothing exported")

        try Data(good.replacingOccurrences(of: "platform =", with: "platfrom =").utf8).write(to: URL(fileURLWithPath: tmp.path + "/bad.toml"))
        let bad = await (try SourcesCommand.parse(["--config", tmp.path + "/bad.toml"])).check()
        #expect(bad.status == 78, "\(bad.lines)")
        #expect(bad.lines.first?.contains("bad.toml:4: key 'source[1].platfrom': unknown key; did you mean 'platform'?") == true, "\(bad.lines)")
    }

    /// A 404 on a listing means the base URL points elsewhere; on an item fetched for a session,
    /// that the item vanished.
    @Test func aNotFoundListingSaysCheckTheBaseURL() {
        let listing = PlatformError(.notFound, source: "support", request: "GET /agents?limit=100", message: "HTTP 404; no message in the error body")
        #expect(listing.description.contains("nothing is listed at '/agents' under the base URL: check the base URL"), "\(listing)")
        #expect(!listing.description.contains("vanished"), "\(listing)")
        let item = PlatformError(.notFound, source: "support", request: "GET /agents/a/sessions/s/events", sessionID: "s", message: "HTTP 404")
        #expect(item.description.contains("vanished between listing and fetching"), "\(item)")
    }

    /// `export --help` shows its options under the five groups, with examples.
    @Test func exportHelpIsGrouped() {
        let help = ExportCommand.helpMessage(columns: 200)
        var last = help.startIndex
        for title in ["SOURCE:", "OUTPUT:", "INCREMENTAL:", "RENDERING:", "OPERATION:"] {
            let range = help.range(of: "\n" + title + "\n")
            #expect(range != nil, "no \(title) in\n\(help)")
            if let range {
                #expect(range.lowerBound >= last, "\(title) out of order")
                last = range.lowerBound
            }
        }
        #expect(help.contains("chronicle export --config /etc/chronicle/chronicle.toml"), "\(help)")
        #expect(!help.contains("\nOPTIONS:\n  --out"), "ungrouped --out")
        #expect(SourcesCommand.helpMessage(columns: 200).contains("chronicle sources --config"), "sources examples")
        #expect(VerifyCommand.helpMessage(columns: 200).contains("chronicle verify /var/lib/chronicle"), "verify examples")
    }

    @Test func progressFiguresAreFormatted() {
        #expect(ProgressReporter.percent(done: 0, of: 8) == "0%")
        #expect(ProgressReporter.percent(done: 3, of: 8) == "37%")
        #expect(ProgressReporter.percent(done: 7, of: 8) == "87%")
        #expect(ProgressReporter.percent(done: 8, of: 8) == "100%")
        #expect(ProgressReporter.percent(done: 1, of: 0) == "0%")
        #expect(ProgressReporter.duration(seconds: 0.2) == "1 s")
        #expect(ProgressReporter.duration(seconds: 42) == "42 s")
        #expect(ProgressReporter.duration(seconds: 59.01) == "1 min 00 s")
        #expect(ProgressReporter.duration(seconds: 185) == "3 min 05 s")
        #expect(ProgressReporter.duration(seconds: 3600) == "1 h 00 min")
        #expect(ProgressReporter.duration(seconds: 7621) == "2 h 08 min")
        #expect(ProgressReporter.duration(seconds: .infinity) == "0 s")
        var counts = ProgressReporter.Counts()
        counts.started = Date(timeIntervalSince1970: 0)
        counts.listed = 10
        counts.toExport = 8
        counts.done = 2
        counts.listingDone = true
        let line = ProgressReporter.line("support", counts, now: Date(timeIntervalSince1970: 10))
        #expect(line.hasPrefix("support: 2/8 sessions (25%), "), "\(line)")
        #expect(line.contains(", ETA 30 s"), "\(line)")
        counts.listingDone = false
        #expect(!ProgressReporter.line("support", counts, now: Date(timeIntervalSince1970: 10)).contains("%"), "no percent before the total is known")
    }

    /// On a terminal (a pseudo-terminal made by util-linux's `script`), the live line shows the
    /// percent done once the listing is complete. (The samples' listing ends with their last
    /// session, so the ETA, shown while sessions remain, is checked on the line itself above.)
    @Test func aTerminalShowsPercentAndETA() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let command = [
            Repository.chronicleBinary, "export", "--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara",
            "--out", tmp.path + "/out", "--replay-delay-ms", "150", "--concurrency", "1",
        ].map { "'" + $0 + "'" }.joined(separator: " ")
        let r = try run("script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("vectara: 4/4 sessions (100%)"), "\(r.output)")
    }

    /// Usage with no model: worded as such when it carries figures, left out when it carries none.
    @Test func usageWithoutAModelIsWordedOrOmitted() {
        var counts = UsageCounts()
        counts.requests = 0
        let empty = ModelUsageRow(source: "s", platform: "vectara", model: "", sessions: 3, counts: counts, cost: .unknown)
        #expect(UsageSummary.lines([empty]).isEmpty)
        counts.requests = 2
        counts.inputTokens = 10
        let some = ModelUsageRow(source: "s", platform: "vectara", model: "", sessions: 1, counts: counts, cost: .unknown)
        let lines = UsageSummary.lines([some])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("  usage (model not reported): 2 requests, input 10,") == true, "\(lines)")
        #expect(!(lines.first?.contains("(no model)") ?? true))
    }
}
