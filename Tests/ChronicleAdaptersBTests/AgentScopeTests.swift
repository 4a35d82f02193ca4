import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Testing

@Suite struct AgentScopeTests {
    let source = SourceDescriptor(name: "agentscope-sample", platform: .agentscope, baseURL: "file:samples/agentscope", agents: ["a_1", "a_2"], pageSize: 3)

    @Test func sessionsMessagesAndUsageMatchExpected() async throws {
        let expected = try Samples.expected("agentscope")
        let adapter = AgentScopeAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agentscope")), credential: nil)
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        for agent in try await adapter.agents() {
            try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { sessions.append($0) }
        }
        #expect(problems.isEmpty)
        let want = try #require(expected["sessions"]?.arrayValue)
        #expect(sessions.map(\.id) == want.compactMap { $0["id"]?.stringValue })
        for (session, w) in zip(sessions, want) {
            #expect(session.agentID == w["agent_id"]?.stringValue)
            #expect(session.title == w["title"]?.stringValue)
            #expect(session.running == w["running"]?.boolValue)
            let sink = TestSink()
            try await adapter.exportSession(session, into: sink)
            #expect(sink.problems.isEmpty, "session \(session.id): \(sink.problems)")
            #expect(sink.items.count == Int(w["records"]?.int64Value ?? -1))
            #expect(sink.events.map { $0.id ?? "" } == (w["event_ids"]?.arrayValue ?? []).compactMap(\.stringValue))
            #expect(sink.events.map { $0.speaker ?? "" } == (w["speakers"]?.arrayValue ?? []).compactMap(\.stringValue))
            #expect(sink.events.map { $0.createdAt?.original ?? "" } == (w["created_at"]?.arrayValue ?? []).compactMap(\.stringValue))
            #expect(sink.events.allSatisfy { $0.createdAt?.epochMilliseconds != nil })
            let noUsage = (w["messages_without_usage"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(sink.events.filter { $0.usage == nil }.map { $0.id ?? "" } == noUsage)
            let totals = sink.totals
            #expect(totals.inputTokens == w["input_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.outputTokens == w["output_tokens"]?.int64Value, "session \(session.id)")
            #expect(totals.modelRequests == Int(w["model_requests"]?.int64Value ?? -1))
            if totals.modelRequests > 0 { #expect(totals.models == [w["model"]?.stringValue ?? ""]) }
        }
    }

    /// Timestamps: ISO with zone, without zone (UTC assumed, original kept), and `YYYY-MM-DD HH:MM:SS.fff`.
    @Test func timestampVariants() async throws {
        let adapter = AgentScopeAdapter(source: source, transport: ReplayTransport(root: Samples.directory("agentscope")), credential: nil)
        var sessions: [Session] = []
        try await adapter.listSessions(of: Agent(id: "a_1"), problem: { _ in }) { sessions.append($0) }
        let sink = TestSink()
        try await adapter.exportSession(try #require(sessions.first { $0.id == "s_42" }), into: sink)
        let byID = Dictionary(uniqueKeysWithValues: sink.events.map { ($0.id ?? "", $0) })
        #expect(byID["msg_1"]?.createdAt?.utcString == "2026-11-20T10:00:03.412Z")
        #expect(byID["msg_1"]?.createdAt?.assumedUTC == false)
        #expect(byID["msg_3"]?.createdAt?.original == "2026-11-20T10:00:07.500")
        #expect(byID["msg_3"]?.createdAt?.assumedUTC == true)
        #expect(byID["msg_4"]?.createdAt?.utcString == "2026-11-20T10:00:09.250Z")
        #expect(byID["msg_5"]?.createdAt?.utcString == "2026-11-20T08:02:40.000Z")
        #expect(byID["msg_3"]?.kind == .toolResult)
        #expect(byID["msg_7"]?.kind == .systemMessage)
        #expect(sessions.first { $0.id == "s_43" }?.running == true)
    }

    @Test func agentsMustBeConfigured() async throws {
        var bare = source
        bare.agents = []
        let adapter = AgentScopeAdapter(source: bare, transport: ReplayTransport(root: Samples.directory("agentscope")), credential: nil)
        await #expect {
            _ = try await adapter.agents()
        } throws: { error in
            guard let e = error as? PlatformError, e.kind == .badConfiguration else { return false }
            return e.description.contains("--agent")
        }
    }

    @Test func fastAPIErrorsAreReadable() async throws {
        let transport = StubTransport([
            "GET /sessions?agent_id=a_1": [.init(#"{"detail": [{"loc": ["query", "agent_id"], "msg": "Field required", "type": "missing"}]}"#, status: 422)],
            "GET /sessions?agent_id=a_2": [.init(#"{"detail": "Not authenticated"}"#, status: 401)],
        ])
        let secret = Secret("user-7-secret-id")
        let adapter = AgentScopeAdapter(source: source, transport: transport, credential: Credential(style: .userID, secret: secret))
        await #expect {
            try await adapter.listSessions(of: Agent(id: "a_1"), problem: { _ in }) { _ in }
        } throws: { error in
            (error as? PlatformError)?.description.contains("query.agent_id: Field required (missing)") == true
        }
        await #expect {
            try await adapter.listSessions(of: Agent(id: "a_2"), problem: { _ in }) { _ in }
        } throws: { error in
            guard let e = error as? PlatformError, case .credentialsRefused(401) = e.kind else { return false }
            return e.description.contains("Not authenticated") && !secret.occurs(in: e.description)
        }
    }

    /// A message with a wrongly typed field: a problem naming field and session; the other
    /// messages and pages are exported.
    @Test func malformedMessageIsReportedAndExportGoesOn() async throws {
        let view = #"{"session": {"id": "s_9", "agent_id": "a_1", "config": {"name": "t", "chat_model_config": {"model": "m"}}}, "is_running": false}"#
        let transport = StubTransport([
            "GET /sessions?agent_id=a_1": [.init(#"{"sessions": [\#(view), {"session": {"agent_id": "a_1"}}], "total": 2}"#)],
            "GET /sessions/s_9/messages?agent_id=a_1&offset=0&limit=3": [.init(#"""
                {"messages": [
                  {"id": "m1", "name": "user", "created_at": "2026-11-20 10:00:00.000", "content": "hi"},
                  {"id": "m2", "name": "bot", "created_at": "2026-11-20 10:00:01.000", "content": [{"type": "text", "text": "yo"}], "usage": {"input_tokens": "lots"}},
                  {"id": "m3", "name": "bot", "created_at": 17, "content": []}
                ], "is_running": false}
                """#)],
            "GET /sessions/s_9/messages?agent_id=a_1&offset=3&limit=3": [.init(#"{"messages": [{"id": "m4", "name": "bot", "content": "bye", "usage": {"input_tokens": 3, "output_tokens": 1}}], "is_running": false}"#)],
        ])
        let adapter = AgentScopeAdapter(source: source, transport: transport, credential: nil)
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        try await adapter.listSessions(of: Agent(id: "a_1"), problem: { problems.append($0) }) { sessions.append($0) }
        #expect(sessions.map(\.id) == ["s_9"])
        #expect(problems.map(\.item) == ["session.session.id"])
        let sink = TestSink()
        try await adapter.exportSession(sessions[0], into: sink)
        #expect(sink.events.map { $0.id ?? "" } == ["m1", "m2", "m3", "m4"])
        #expect(sink.problems.map(\.item) == ["message.usage.input_tokens", "message.created_at"])
        #expect(sink.problems.allSatisfy { $0.sessionID == "s_9" && $0.kind == .malformed })
        #expect(sink.totals.inputTokens == 3)
        #expect(sink.events[3].model == "m")
    }
}
