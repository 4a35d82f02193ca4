import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// The usage CSVs of an export from each platform's test server, read back by Python's `csv`
/// module, reconcile exactly with the server's de-duplicated truth (agent-swarm repeats each
/// message's usage on several streamed lines; managed-agents reports usage per event and summed
/// on the session): per session, and in total over `models.csv` and over `daily.csv`.
@Suite("Usage CSVs reconcile with the test server's truth", .serialized)
struct UsageReconciliationTests {
    static let reader = """
        import csv, json, sys
        def num(v):
            return None if v == "" else int(v)
        out = {}
        for name in ("sessions", "models", "daily"):
            with open(sys.argv[1] + "/" + name + ".csv", newline="", encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f))
            out[name] = [{k: r[k] for k in r if k is not None} for r in rows]
        print(json.dumps(out))
        """

    struct Counts: Equatable, CustomStringConvertible {
        var requests = 0
        var input: Int64?
        var output: Int64?
        mutating func add(_ row: JSONValue) {
            requests += Int(row["model_requests"]?.stringValue.flatMap { Int($0) } ?? 0)
            if let v = row["input_tokens"]?.stringValue.flatMap({ Int64($0) }) { input = (input ?? 0) + v }
            if let v = row["output_tokens"]?.stringValue.flatMap({ Int64($0) }) { output = (output ?? 0) + v }
        }
        var description: String { "\(requests) requests, input \(input.map(String.init) ?? "empty"), output \(output.map(String.init) ?? "empty")" }
    }

    @Test(arguments: PlatformID.allCases)
    func usageCSVsMatchTheTruth(_ platform: PlatformID) async throws {
        try await ServerHarness.with(platform) { h in
            #expect(try await h.export() == 0)
            let bag = try h.bag()
            let result = try run("python3", ["-c", Self.reader, bag + "/data/usage"])
            try #require(result.status == 0, "\(result.output)")
            let tables = try JSONParser.parse(Array(result.output.utf8))
            let sessions = tables["sessions"]?.arrayValue ?? []
            var truthTotal = Counts()
            for truth in h.dataset.truth {
                let row = try #require(sessions.first { $0["session_id"]?.stringValue == truth.id }, "no row for \(truth.id)")
                var got = Counts()
                got.add(row)
                let want = Counts(requests: truth.usage.requests, input: truth.usage.inputTokens, output: truth.usage.outputTokens)
                #expect(got == want, "\(platform) session \(truth.id)")
                truthTotal.requests += want.requests
                if let i = want.input { truthTotal.input = (truthTotal.input ?? 0) + i }
                if let o = want.output { truthTotal.output = (truthTotal.output ?? 0) + o }
            }
            #expect(sessions.count == h.dataset.truth.count)
            var models = Counts()
            for row in tables["models"]?.arrayValue ?? [] { models.add(row) }
            #expect(models == truthTotal, "\(platform) models.csv")
            var daily = Counts()
            for row in tables["daily"]?.arrayValue ?? [] { daily.add(row) }
            #expect(daily == truthTotal, "\(platform) daily.csv")
        }
    }
}
