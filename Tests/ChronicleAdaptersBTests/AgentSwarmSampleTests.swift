import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Testing

@Suite struct AgentSwarmSampleTests {
    let source = SourceDescriptor(name: "agent-swarm-sample", platform: .agentSwarm, baseURL: "file:samples/agent-swarm", pageSize: 3)

    func listed(_ adapter: AgentSwarmAdapter) async throws -> ([Session], [ExportProblem]) {
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        for agent in try await adapter.agents() {
            try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { sessions.append($0) }
        }
        return (sessions, problems)
    }

    @Test func sessionsEventsUsageAndCostsMatchExpected() async throws {
        let expected = try Samples.expected("agent-swarm")
        let adapter = AgentSwarmAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
        #expect(try await adapter.agents().map(\.id) == [AgentSwarmAdapter.everyAgent.id])
        let (sessions, problems) = try await listed(adapter)
        #expect(problems.isEmpty)
        let want = try #require(expected["sessions"]?.arrayValue)
        #expect(sessions.map(\.id) == want.compactMap { $0["id"]?.stringValue })
        for (session, w) in zip(sessions, want) {
            #expect(session.agentID == w["agent_id"]?.stringValue)
            #expect(session.title == w["title"]?.stringValue)
            #expect(session.running == w["running"]?.boolValue)
            #expect(session.platformCostUSD == w["platform_cost_usd"]?.stringValue, "session \(session.id)")
            let sink = TestSink()
            try await adapter.exportSession(session, into: sink)
            #expect(sink.problems.isEmpty, "session \(session.id): \(sink.problems)")
            #expect(sink.items.count == Int(w["records"]?.int64Value ?? -1), "session \(session.id)")
            #expect(sink.items.filter { $0.record.kind == "session_cost" }.count == Int(w["cost_records"]?.int64Value ?? -1))
            #expect(sink.events.map { $0.id ?? "" } == (w["event_ids"]?.arrayValue ?? []).compactMap(\.stringValue), "session \(session.id)")
            #expect(sink.events.map(\.platformType) == (w["event_types"]?.arrayValue ?? []).compactMap(\.stringValue))
            let totals = sink.totals
            #expect(totals.inputTokens == w["input_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.outputTokens == w["output_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.modelRequests == Int(w["model_requests"]?.int64Value ?? -1))
        }
    }

    /// Quirk: the same message.id repeats across streamed lines: every line is an event, usage counts once.
    @Test func repeatedMessageIDCountsUsageOnce() async throws {
        let adapter = AgentSwarmAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
        let (sessions, _) = try await listed(adapter)
        let session = try #require(sessions.first { $0.id == "t_311" })
        let sink = TestSink()
        try await adapter.exportSession(session, into: sink)
        let msg1 = sink.events.filter { $0.requestID == "msg_01" }
        #expect(msg1.count == 3)
        #expect(msg1.allSatisfy { $0.usage?.inputTokens == 812 })
        #expect(msg1.map(\.kind) == [.thinking, .assistantMessage, .toolCall])
        var totals = SessionTotals()
        msg1.forEach { totals.add($0) }
        #expect(totals.inputTokens == 812)
        #expect(totals.cacheReadTokens == 30000)
        #expect(totals.modelRequests == 1)
    }

    /// Quirk: a log line that is not JSON is kept verbatim and shown, never dropped.
    @Test func nonJSONLogLineIsKeptVerbatim() async throws {
        let adapter = AgentSwarmAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
        let (sessions, _) = try await listed(adapter)
        let session = try #require(sessions.first { $0.id == "t_311" })
        let sink = TestSink()
        try await adapter.exportSession(session, into: sink)
        let event = try #require(sink.events.first { $0.id == "t_311#1:7" })
        #expect(event.kind == .unknown)
        #expect(event.blocks == [.rawText("npm WARN deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported <script>alert(1)</script>")])
        #expect(sink.problems.isEmpty)
    }

    /// Quirk: running sessions come from active sessions (matched by taskId); costs from a
    /// wrapper or a bare array, matched by taskId or by sessionId = providerSessionId.
    @Test func runningAndCostMatching() async throws {
        let adapter = AgentSwarmAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
        let (sessions, _) = try await listed(adapter)
        #expect(sessions.filter(\.running).map(\.id) == ["t_320"])
        #expect(sessions.first { $0.id == "t_311" }?.platformCostUSD == "0.4561")
        #expect(sessions.first { $0.id == "t_340" }?.platformCostUSD == "1E-2")
        #expect(sessions.first { $0.id == "t_350" }?.platformCostUSD == nil)
    }

    @Test func configuredAgentFiltersTheListing() async throws {
        var configured = source
        configured.agents = ["b7e20d94-1c3a-4f58-a6d2-0e9c8b7a6f35"]
        let adapter = AgentSwarmAdapter(source: configured, transport: ReplayTransport(root: Samples.directory("agent-swarm")), credential: nil)
        let (sessions, problems) = try await listed(adapter)
        #expect(sessions.map(\.id) == ["t_330", "t_340"])
        #expect(problems.isEmpty)
    }
}
