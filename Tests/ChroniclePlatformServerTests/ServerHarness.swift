import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Crypto
import Foundation
import Testing

/// Starts a platform's test server, runs `chronicle export` against it and checks the bag.
struct ServerHarness {
    static let tokenVariable = "CHRONICLE_TEST_TOKEN"

    let dataset: PlatformDataset
    let server: TestServer
    let folder: TemporaryFolder

    var out: String { folder.path + "/out" }
    var source: String { dataset.platform.rawValue }

    static func start(_ platform: PlatformID, sizes: DatasetSizes = .small, faults: [FaultRule] = [], seed: UInt64 = 42) async throws -> ServerHarness {
        let dataset = PlatformDataset.generate(platform, seed: seed, sizes: sizes)
        let server = try await TestServer.start(dataset, faults: FaultPlan(faults))
        return ServerHarness(dataset: dataset, server: server, folder: try TemporaryFolder())
    }

    /// Runs `body` with a started harness and stops it afterwards, whatever happens.
    static func with(
        _ platform: PlatformID, sizes: DatasetSizes = .small, faults: [FaultRule] = [], _ body: (ServerHarness) async throws -> Void
    ) async throws {
        let h = try await start(platform, sizes: sizes, faults: faults)
        do {
            try await body(h)
        } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    func stop() async {
        await server.stop()
        folder.remove()
    }

    /// The export's arguments: the source's flags and `extra`.
    func arguments(token: String? = nil, pageSize: Int = 2, extra: [String] = []) -> [String] {
        ["--platform", source, "--base-url", server.baseURL, "--token-env", Self.tokenVariable, "--out", out, "--page-size", String(pageSize)] + extra
    }

    /// Runs the export in-process with the dataset's credential (or `token`).
    func export(token: String? = nil, pageSize: Int = 2, extra: [String] = []) async throws -> Int32 {
        try await ChronicleTestSupport.export(arguments(pageSize: pageSize, extra: extra), environment: [Self.tokenVariable: token ?? dataset.token])
    }

    /// The one bag the export published.
    func bag() throws -> String {
        let all = try bags(in: out, source: source)
        try #require(all.count == 1, "expected one bag, found \(all)")
        return all[0]
    }

    func runJSON() throws -> JSONValue {
        try readJSON(try bag() + "/data/run.json")
    }

    /// Checks the bag with `chronicle verify` and Python's `bagit`.
    func checkBagIsSound() throws {
        let bag = try bag()
        #expect(try verify([bag]) == 0, "chronicle verify \(bag)")
        try ensurePythonBagit()
        let bagit = try run("python3", ["-m", "bagit", "--validate", bag])
        #expect(bagit.status == 0, "bagit: \(bagit.output)")
    }

    /// Checks the bag against the truth: same sessions, same events in order, same artifact
    /// bytes, usage counted once per model request.
    func checkMatchesTruth(_ truth: [SessionTruth], status: String = "complete") throws {
        let bag = try bag()
        let run = try runJSON()
        #expect(run["status"]?.stringValue == status)
        let sessions = try #require(run["sessions"]?.arrayValue)
        let ids = sessions.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == Set(ids).count, "a session was exported twice: \(ids)")
        #expect(Set(ids) == Set(truth.map(\.id)), "sessions exported vs served")
        #expect(run["counts"]?["sessions"]?.int64Value == Int64(truth.count))
        #expect(run["counts"]?["events"]?.int64Value == Int64(truth.reduce(0) { $0 + $1.eventIDs.count }))
        #expect(run["counts"]?["artifacts"]?.int64Value == Int64(truth.reduce(0) { $0 + $1.artifacts.count }))
        for want in truth {
            guard let got = sessions.first(where: { $0["id"]?.stringValue == want.id }) else { continue }
            #expect(got["agent_id"]?.stringValue == want.agentID, "agent of \(want.id)")
            #expect(got["running"]?.boolValue == want.running, "running flag of \(want.id)")
            let (archive, _) = try readArchive(bag + "/data/" + (got["archive"]?.stringValue ?? ""))
            let events = (archive["items"]?.arrayValue ?? []).flatMap { $0["events"]?.arrayValue ?? [] }
            #expect(events.map { $0["id"]?.stringValue ?? "?" } == want.eventIDs, "events of \(want.id)")
            let refs = (archive["items"]?.arrayValue ?? []).flatMap { $0["artifacts"]?.arrayValue ?? [] }
            var stored: [ArtifactTruth] = []
            for ref in refs {
                let path = try #require(ref["path"]?.stringValue, "artifact of \(want.id) not stored: \(ref)")
                let data = try #require(FileManager.default.contents(atPath: bag + "/data/" + path))
                let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                #expect(ref["sha256"]?.stringValue == sha)
                stored.append(ArtifactTruth(sha256: sha, size: data.count))
            }
            #expect(stored.sorted() == want.artifacts, "artifact bytes of \(want.id)")
            #expect(got["model_requests"]?.int64Value == Int64(want.usage.requests), "model requests of \(want.id)")
            #expect(got["input_tokens"]?.int64Value == want.usage.inputTokens, "input tokens of \(want.id)")
            #expect(got["output_tokens"]?.int64Value == want.usage.outputTokens, "output tokens of \(want.id)")
        }
    }
}
