import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Testing

/// The adapter against `samples/agent-swarm`, a replay tree made from an SQLite database with the
/// server's columns and read with the server's own SELECTs (`scripts/gen_samples_agent_swarm.py`);
/// EXPECTED.json holds the truth the generator computed from that database.
@Suite struct AgentSwarmSampleTests {
    let source = SourceDescriptor(name: "agent-swarm-sample", platform: .agentSwarm, baseURL: "file:samples/agent-swarm", pageSize: 3)

    func adapter(_ source: SourceDescriptor? = nil) -> AgentSwarmAdapter {
        AgentSwarmAdapter(source: source ?? self.source, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
    }

    func listed(_ adapter: AgentSwarmAdapter) async throws -> ([Session], [ExportProblem]) {
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        for agent in try await adapter.agents() {
            try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { sessions.append($0) }
        }
        return (sessions, problems)
    }

    func exported(_ id: String) async throws -> TestSink {
        let adapter = adapter()
        let (sessions, _) = try await listed(adapter)
        let session = try #require(sessions.first { $0.id == id })
        let sink = TestSink()
        try await adapter.exportSession(session, into: sink)
        return sink
    }

    static func string(_ v: JSONValue?) -> String? { v?.stringValue }

    @Test func sessionsEventsUsageAndCostsMatchExpected() async throws {
        let expected = try Samples.expected("agent-swarm")
        let adapter = adapter()
        #expect(try await adapter.agents().map(\.id) == [AgentSwarmAdapter.everyAgent.id])
        let (sessions, problems) = try await listed(adapter)
        #expect(problems.isEmpty, "\(problems)")
        let want = try #require(expected["sessions"]?.arrayValue)
        #expect(sessions.map(\.id) == want.compactMap { $0["id"]?.stringValue })
        #expect(sessions.count == Int(expected["database"]?["sessions"]?.int64Value ?? -1))
        var lines = 0, costs = 0
        for (session, w) in zip(sessions, want) {
            #expect(session.agentID == w["agent_id"]?.stringValue)
            #expect(session.agentName == w["agent_name"]?.stringValue)
            #expect(session.title == w["title"]?.stringValue)
            #expect(session.status == w["status"]?.stringValue, "session \(session.id)")
            #expect(session.updatedAt?.original == w["updated_at"]?.stringValue, "session \(session.id)")
            #expect(session.createdAt?.original == w["created_at"]?.stringValue)
            #expect(session.running == w["running"]?.boolValue, "session \(session.id)")
            #expect(session.platformCostUSD == w["platform_cost_usd"]?.stringValue, "session \(session.id)")
            let sink = TestSink()
            try await adapter.exportSession(session, into: sink)
            #expect(sink.problems.isEmpty, "session \(session.id): \(sink.problems)")
            #expect(sink.items.count == Int(w["records"]?.int64Value ?? -1), "session \(session.id)")
            #expect(sink.items.filter { $0.record.kind == "session_cost" }.count == Int(w["cost_records"]?.int64Value ?? -1))
            #expect(sink.items.filter { $0.record.kind == "log_line" }.count == Int(w["log_lines"]?.int64Value ?? -1))
            #expect(sink.events.map { $0.id ?? "" } == (w["event_ids"]?.arrayValue ?? []).compactMap(\.stringValue), "session \(session.id)")
            #expect(sink.events.map(\.kind.rawValue) == (w["event_kinds"]?.arrayValue ?? []).compactMap(\.stringValue), "session \(session.id)")
            let totals = sink.totals
            #expect(totals.modelRequests == Int(w["model_requests"]?.int64Value ?? -1), "session \(session.id)")
            #expect(totals.inputTokens == w["input_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.outputTokens == w["output_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.cacheReadTokens == w["cache_read_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.cacheWriteTokens == w["cache_write_tokens"]?.int64Value, "session \(session.id)")
            lines += sink.items.filter { $0.record.kind == "log_line" }.count
            costs += sink.items.filter { $0.record.kind == "session_cost" }.count
        }
        #expect(lines == Int(expected["database"]?["log_lines"]?.int64Value ?? -1))
        #expect(costs == Int(expected["database"]?["cost_rows"]?.int64Value ?? -1))
    }

    /// Every record reaches the sink with the bytes the platform sent: the session record is the
    /// `GET /api/sessions/{id}` body, each log line and cost row is byte for byte in a response.
    @Test func recordsAreTheServersBytes() async throws {
        let adapter = adapter()
        let (sessions, _) = try await listed(adapter)
        let root = Samples.directory("agent-swarm")
        var bodies: [[UInt8]] = []
        let files = FileManager.default.enumerator(atPath: root + "/api")
        while let file = files?.nextObject() as? String {
            guard file.hasSuffix(".json") else { continue }
            bodies.append([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/api/" + file))))
        }
        #expect(bodies.count > 10)
        for session in sessions {
            let detail = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/api/sessions/\(session.id)/GET.json")))
            #expect(session.raw.map(\.bytes) == [detail])
            let sink = TestSink()
            try await adapter.exportSession(session, into: sink)
            for item in sink.items {
                #expect(bodies.contains { Self.contains($0, item.record.bytes) }, "\(item.record.request)")
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Quirk: lineNumber restarts at 0 with each flush and the server orders a task's lines by
    /// (iteration, lineNumber), which interleaves flushes: the export orders them by time.
    @Test func flushesAreNotInterleaved() async throws {
        let expected = try Samples.expected("agent-swarm")
        let main = try #require(expected["sessions"]?.arrayValue?.last)
        let id = try #require(main["id"]?.stringValue)
        let sink = try await exported(id)
        let lines = sink.events.filter { $0.platformType != "session_cost" }
        let times = lines.compactMap { $0.createdAt?.epochMilliseconds }
        #expect(times.count == lines.count)
        #expect(times == times.sorted(), "lines are in time order")
        // The server's own order differs (that is the trap).
        let rootLogs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Samples.directory("agent-swarm") + "/api/tasks/\(id)/session-logs/GET.json")))
        let served = try #require(try JSONParser.parse(rootLogs)["logs"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        let mine = sink.events.compactMap(\.id).filter { served.contains($0) }
        #expect(Set(mine) == Set(served))
        #expect(mine != served, "the sample's root task has two flushes, which the server interleaves")
    }

    /// Quirk: the same message.id repeats across streamed claude lines; a run with a cost row
    /// takes its tokens from the row only, a run without one (still running) from its lines.
    @Test func eachRunCountsItsTokensOnce() async throws {
        let expected = try Samples.expected("agent-swarm")
        for w in expected["sessions"]?.arrayValue ?? [] {
            let id = try #require(w["id"]?.stringValue)
            let sink = try await exported(id)
            let costEvents = sink.events.filter { $0.platformType == "session_cost" }
            #expect(costEvents.allSatisfy { $0.usage != nil })
            let lineUsage = sink.events.filter { $0.platformType != "session_cost" && $0.usage != nil }
            if w["running"]?.boolValue == true && w["status"]?.stringValue == "in_progress" {
                #expect(!lineUsage.isEmpty, "the running child's codex turn.completed counts")
            } else {
                #expect(lineUsage.isEmpty, "session \(id): a line's usage counted though its run has a cost row")
            }
        }
    }

    /// An unpriced cost row is an unknown cost, never $0 from the platform.
    @Test func unpricedCostIsUnknownNotZero() async throws {
        let expected = try Samples.expected("agent-swarm")
        let failed = try #require(expected["sessions"]?.arrayValue?.first { $0["unpriced_cost_rows"]?.int64Value == 1 })
        let (sessions, _) = try await listed(adapter())
        let session = try #require(sessions.first { $0.id == failed["id"]?.stringValue })
        #expect(session.platformCostUSD == nil)
        let sink = TestSink()
        try await adapter().exportSession(session, into: sink)
        let cost = try #require(sink.events.first { $0.platformType == "session_cost" })
        #expect(cost.kind == .status, "the failure is in the run's lines; the row does not count it again")
        #expect(sink.totals.errors == 1)
        guard case .text(let text, _)? = cost.blocks.first else { Issue.record("no summary"); return }
        #expect(text.contains("cost unknown"))
        var ledger = SessionUsageLedger(calendar: .utc)
        sink.events.forEach { ledger.add($0) }
        let usage = ledger.finish(session: session, totals: sink.totals, prices: .builtIn)
        #expect(usage.cost.source == .unknown)
        #expect(usage.cost.amount == nil)
    }

    /// A log line that is not JSON is kept verbatim and shown, never dropped.
    @Test func nonJSONLogLineIsKeptVerbatim() async throws {
        let expected = try Samples.expected("agent-swarm")
        let main = try #require(expected["sessions"]?.arrayValue?.last?["id"]?.stringValue)
        let sink = try await exported(main)
        let event = try #require(sink.events.first { $0.platformType == "non_json_line" })
        #expect(event.kind == .unknown)
        #expect(event.blocks == [.rawText("npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported <script>alert(1)</script>")])
    }

    @Test func configuredAgentFiltersByTheRootsAgent() async throws {
        let expected = try Samples.expected("agent-swarm")
        let scout = try #require(expected["sessions"]?.arrayValue?.first { $0["agent_name"]?.stringValue == "scout" })
        var configured = source
        configured.agents = [try #require(scout["agent_id"]?.stringValue)]
        let (sessions, problems) = try await listed(adapter(configured))
        #expect(problems.isEmpty)
        #expect(sessions.map(\.id) == [try #require(scout["id"]?.stringValue)])
        // The follow-up task added to it while the exporter paged (run by another agent) is part of it.
        let added = try #require(expected["task_created_while_paging"]?.stringValue)
        let chain = try JSONParser.parse(try #require(sessions.first?.raw.first?.bytes))["chain"]?.arrayValue ?? []
        #expect(chain.contains { $0["id"]?.stringValue == added })
        #expect(sessions.first?.running == true, "the follow-up is pending")
    }
}
