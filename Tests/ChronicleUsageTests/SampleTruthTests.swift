import ChronicleJSON
import Foundation
import Testing

/// Every sample's usage CSVs equal the de-duplicated truth that a Python script computes from the
/// raw platform JSON (each message id once, session-level sums never added, unknown left empty).
@Suite("Usage CSVs against the samples' truth", .serialized)
struct SampleTruthTests {
    @Test(arguments: ["UTC", "America/New_York", "Asia/Kolkata"])
    func everyPlatformMatchesTheTruth(timezone: String) async throws {
        let tmp = try ScratchFolder("chronicle-usage-truth")
        defer { tmp.remove() }
        let bags = try await exportSamples(into: tmp.path, extra: ["--timezone", timezone])
        for (folder, source) in UsageRepository.platforms {
            let bag = try #require(bags[source])
            let r = try runProgram("python3", [
                UsageRepository.scripts + "/usage_truth.py", folder, UsageRepository.samples + "/" + folder, bag + "/data/usage", timezone,
            ])
            #expect(r.status == 0, "\(folder) (\(timezone)): \(r.output)")
        }
    }

    @Test func runJSONRecordsTheReconciliation() async throws {
        let tmp = try ScratchFolder("chronicle-usage-run")
        defer { tmp.remove() }
        let bags = try await exportSamples(into: tmp.path)
        let bag = try #require(bags["agent-swarm-sample"])
        let doc = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: bag + "/data/run.json"))))
        #expect(doc["csv_schema_version"]?.int64Value == 2)
        #expect(doc["usage"]?["timezone"]?.stringValue == "UTC")
        let models = try #require(doc["usage"]?["models"]?.arrayValue)
        // agent-swarm: tokens from the cost rows (one request per run); the opencode runs of two
        // sessions (3120 + 2100 input, 402 + 150 output) are priced by the platform.
        let sonnet = try #require(models.first { $0["model"]?.stringValue == "anthropic/claude-sonnet-4-6" })
        #expect(sonnet["model_requests"]?.int64Value == 2)
        #expect(sonnet["input_tokens"]?.int64Value == 5220)
        #expect(sonnet["output_tokens"]?.int64Value == 552)
        #expect(sonnet["cost_source"]?.stringValue == "platform")
        // The unpriced run's model has no price anywhere: its cost is unknown, not $0.
        let unpriced = try #require(models.first { $0["model"]?.stringValue == "claude-opus-4-7-preview" })
        #expect(unpriced["cost_usd"]?.isNull == true)
        #expect(unpriced["cost_source"]?.stringValue == "unknown")
        // 9 cost rows, and the running codex run's turn.completed line (it has no cost row yet).
        #expect(doc["usage"]?["totals"]?["model_requests"]?.int64Value == 10)
        // managed-agents: usage per event only; the session's own sum is never added.
        let managed = try #require(bags["managed-agents-sample"])
        let mdoc = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: managed + "/data/run.json"))))
        let research = try #require(mdoc["sessions"]?.arrayValue?.first { $0["id"]?.stringValue == "sess_01JRESEARCH" })
        #expect(research["input_tokens"]?.int64Value == 3120)
        #expect(research["cache_write_tokens"]?.int64Value == 1400)
        // vectara reports no tokens: unknown, never 0.
        let vectara = try #require(bags["vectara-sample"])
        let vdoc = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: vectara + "/data/run.json"))))
        #expect(vdoc["usage"]?["totals"]?["input_tokens"]?.isNull == true)
        #expect(vdoc["usage"]?["totals"]?["cost_usd"]?.isNull == true)
    }
}
