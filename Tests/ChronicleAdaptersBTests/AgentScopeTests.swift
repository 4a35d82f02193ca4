import ChronicleCore
import ChronicleJSON
@testable import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Testing

/// The AgentScope adapter against `samples/agentscope` (the service's real shapes, pages by
/// `before`) and against stubbed answers for the edges.
@Suite struct AgentScopeTests {
    let source = SourceDescriptor(
        name: "agentscope-sample", platform: .agentscope, baseURL: "file:samples/agentscope", pageSize: 3,
        options: ["server_timezone": "Europe/Berlin"]
    )

    func sampleAdapter(_ source: SourceDescriptor? = nil) -> AgentScopeAdapter {
        AgentScopeAdapter(source: source ?? self.source, transport: ReplayTransport(root: Samples.directory("agentscope")), credential: nil)
    }

    func listAll(_ adapter: AgentScopeAdapter) async throws -> ([Session], [ExportProblem]) {
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        for agent in try await adapter.agents() {
            try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { sessions.append($0) }
        }
        return (sessions, problems)
    }

    @Test func sessionsMessagesAndUsageMatchExpected() async throws {
        let expected = try Samples.expected("agentscope")
        let adapter = sampleAdapter()
        let (sessions, problems) = try await listAll(adapter)
        #expect(problems.isEmpty)
        let want = try #require(expected["sessions"]?.arrayValue)
        #expect(sessions.map(\.id) == want.compactMap { $0["id"]?.stringValue })
        for (session, w) in zip(sessions, want) {
            let id = session.id
            #expect(session.agentID == w["agent_id"]?.stringValue)
            #expect(session.agentName == w["agent_name"]?.stringValue)
            #expect(session.title == w["title"]?.stringValue)
            #expect(session.status == w["status"]?.stringValue)
            #expect(session.running == w["running"]?.boolValue)
            let folder = try ScratchFolder()
            defer { folder.remove() }
            let sink = TestSink(artifactsDirectory: folder.path)
            try await adapter.exportSession(session, into: sink)
            #expect(sink.problems.isEmpty, "session \(id): \(sink.problems)")
            #expect(sink.items.count == Int(w["records"]?.int64Value ?? -1))
            let raw = sink.items.map { (try? JSONParser.parse($0.record.bytes))?["id"]?.stringValue ?? "?" }
            #expect(raw == strings(w["message_ids"]), "session \(id): records oldest first")
            #expect(sink.items.allSatisfy { $0.record.kind == "message" })
            #expect(sink.events.map { $0.id ?? "null" } == strings(w["event_ids"], null: "null"), "session \(id)")
            #expect(sink.events.map(\.kind.rawValue) == strings(w["event_kinds"]), "session \(id)")
            let messages = sink.events.filter { $0.platformType.hasPrefix("msg:") }
            #expect(messages.map { $0.speaker ?? "" } == strings(w["speakers"]))
            #expect(sink.events.map { $0.createdAt?.original ?? "null" } == strings(w["created_at"], null: "null"))
            #expect(sink.events.map { $0.createdAt?.utcString ?? "null" } == strings(w["created_at_utc"], null: "null"), "session \(id): times read in Europe/Berlin")
            let noUsage = strings(w["messages_without_usage"])
            #expect(messages.filter { $0.usage == nil }.map { $0.id ?? "" } == noUsage)
            let totals = sink.totals
            #expect(totals.inputTokens == w["input_tokens"]?.int64Value, "session \(id)")
            #expect(totals.outputTokens == w["output_tokens"]?.int64Value, "session \(id)")
            #expect(totals.cacheReadTokens == w["cache_read_tokens"]?.int64Value, "session \(id)")
            #expect(totals.cacheWriteTokens == w["cache_write_tokens"]?.int64Value, "session \(id)")
            #expect(totals.modelRequests == Int(w["model_requests"]?.int64Value ?? -1))
            #expect(totals.toolCalls == Int(w["tool_calls"]?.int64Value ?? -1), "session \(id)")
            #expect(totals.errors == Int(w["errors"]?.int64Value ?? -1), "session \(id)")
            if totals.modelRequests > 0 { #expect(totals.models == [w["model"]?.stringValue ?? ""]) }
            let stored = sink.items.flatMap(\.artifacts).filter { $0.state == .stored }
            #expect(stored.map { $0.sha256 ?? "" } == (w["artifacts"]?.arrayValue ?? []).compactMap { $0["sha256"]?.stringValue })
            #expect(stored.map { $0.size ?? -1 } == (w["artifacts"]?.arrayValue ?? []).compactMap { $0["size"]?.int64Value })
        }
        // The requests the sample records are exactly the ones made: newest page, then by `before`.
        let requests = (expected["requests"]?.arrayValue ?? []).compactMap { $0["request"]?.stringValue }
        #expect(requests.filter { $0.contains("offset") }.isEmpty)
        #expect(requests.contains("GET /sessions/s_42/messages?agent_id=a_1&before=m_4206&limit=3"))
    }

    func strings(_ value: JSONValue?, null: String = "") -> [String] {
        (value?.arrayValue ?? []).map { $0.stringValue ?? null }
    }

    /// Blocks of `s_42`/`s_77`: a tool call's raw input parsed or kept verbatim, failed results,
    /// hints as their own events, a failed reply as an error event, a URL data block as a link.
    @Test func blocksHintsAndFailedReplies() async throws {
        let adapter = sampleAdapter()
        let (sessions, _) = try await listAll(adapter)
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let sink = TestSink(artifactsDirectory: folder.path)
        try await adapter.exportSession(try #require(sessions.first { $0.id == "s_42" }), into: sink)
        let byID = Dictionary(sink.events.compactMap { e in e.id.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        let reply = try #require(byID["m_4202"])
        #expect(reply.kind == .assistantMessage)
        #expect(reply.blocks.contains(.toolCall(id: "call_1", name: "run_sql", input: .object([JSONMember("query", .string("SELECT region, SUM(revenue) FROM sales GROUP BY region"))]))))
        #expect(reply.blocks.contains { block in
            guard case .toolResult(let id, let name, .string(let s), let isError) = block else { return false }
            return id == "call_1" && name == "run_sql" && isError == false && s.hasPrefix("region | revenue")
        })
        #expect(!reply.blocks.contains { if case .text(let t, _) = $0 { return t.contains("system-reminder") } else { return false } }, "a hint is not the speaker's text")
        let hint = try #require(byID["h_1"])
        #expect(hint.kind == .systemMessage && hint.platformType == "hint" && hint.speaker == "hint from System")
        let broken = try #require(byID["m_4204"])
        #expect(broken.blocks.contains(.toolCall(id: "call_2", name: "run_sql", input: .string("{\"query\": \"SELECT * FROM sales WHERE quarter IN ('2026-Q2'"))))
        #expect(broken.blocks.contains(.toolResult(id: "call_2", name: "run_sql", output: .string("Error: the tool input is not valid JSON"), isError: true)))
        #expect(broken.blocks.contains(.thinking("Growth needs Q2 as well; query both quarters.")))
        let failedIndex = try #require(sink.events.firstIndex { $0.id == "m_4205" })
        let failure = sink.events[failedIndex + 1]
        #expect(failure.kind == .error)
        #expect(failure.blocks == [.text("The reply failed (connection): Could not reach the model service (connection refused).", markdown: false)])
        #expect(byID["m_4203"]?.kind == .userMessage && byID["m_4203"]?.speaker == "ding_4471", "role decides, not name")
        #expect(byID["m_4206"]?.blocks.last == .text("[chart-2025.png](<https://example.invalid/charts/2025%20q3.png>) \\(image/png, not downloaded\\)", markdown: true))
        let interrupted = try #require(sink.events.firstIndex { $0.id == "m_4208" })
        #expect(sink.events[interrupted + 1].kind == .status)

        let parked = TestSink(artifactsDirectory: folder.path)
        try await adapter.exportSession(try #require(sessions.first { $0.id == "s_77" }), into: parked)
        let asking = try #require(parked.events.first { $0.id == "m_7704" })
        #expect(asking.blocks.contains(.rawText("Tool call Bash (call_10): asking, waiting for the user's permission")))
        #expect(parked.events.first { $0.id == "h_2" }?.speaker == "hint from Lead")
        #expect(parked.events.first { $0.id == "m_7702" }?.blocks.contains { if case .json = $0 { return true } else { return false } } == true, "an unknown block is kept as JSON")
    }

    /// Tool-result states: error, denied and interrupted are failures; success is not; running is unknown.
    @Test(arguments: [("error", true), ("denied", true), ("interrupted", true), ("success", false), ("running", nil)] as [(String, Bool?)])
    func toolResultStates(_ state: String, _ isError: Bool?) async throws {
        let sink = try await export(messages: [
            #"{"id": "m1", "role": "assistant", "name": "Friday", "created_at": "2026-11-20T10:00:00", "content": [{"type": "tool_result", "id": "c1", "name": "Bash", "state": "\#(state)", "output": "x"}]}"#,
        ])
        let result = sink.events.first?.blocks.first
        #expect(result == .toolResult(id: "c1", name: "Bash", output: .string("x"), isError: isError))
        #expect(sink.totals.errors == (isError == true ? 1 : 0))
    }

    /// Usage: Chronicle's input excludes cache reads. OpenAI-style providers count them in
    /// `input_tokens` (subtracted), Anthropic-style ones do not (kept).
    @Test(arguments: [("openai", Int64(1000)), ("dashscope", 1000), ("anthropic", 2000), ("minimax", 2000), (nil, 1000)] as [(String?, Int64)])
    func inputExcludesCacheReads(_ provider: String?, _ input: Int64) async throws {
        let sink = try await export(provider: provider, messages: [
            #"{"id": "m1", "role": "assistant", "name": "F", "content": [], "usage": {"input_tokens": 2000, "output_tokens": 5, "cache_input_tokens": 1000, "cache_creation_input_tokens": 300}}"#,
        ])
        let usage = try #require(sink.events.first?.usage)
        #expect(usage == Usage(inputTokens: input, outputTokens: 5, cacheReadTokens: 1000, cacheWriteTokens: 300))
        #expect(sink.events.first?.requestID == "m1")
    }

    /// A stubbed session: one page per message list, newest page first (`before` = the oldest id).
    func export(provider: String? = "openai", messages: [String], pageSize: Int = 3) async throws -> TestSink {
        var answers: [String: [StubTransport.Answer]] = [:]
        var end = messages.count
        var before: String?
        while true {
            let start = max(0, end - pageSize)
            let query = "agent_id=a_1&limit=\(pageSize)" + (before.map { "&before=\($0)" } ?? "")
            answers["GET /sessions/s_1/messages?\(query)"] = [.init(#"{"messages": [\#(messages[start..<end].joined(separator: ","))], "has_more": \#(start > 0)}"#)]
            if start == 0 { break }
            before = (try JSONParser.parse(Array(messages[start].utf8)))["id"]?.stringValue
            end = start
        }
        var s = source
        s.pageSize = pageSize
        let adapter = AgentScopeAdapter(source: s, transport: StubTransport(answers), credential: nil)
        let config = provider.map { #"{"type": "\#($0)", "model": "m-1", "credential_id": "c", "parameters": {}}"# } ?? "null"
        let record = RawRecord(kind: "session", request: "GET /sessions/", bytes: Array(#"{"session": {"id": "s_1", "agent_id": "a_1", "config": {"name": "t", "chat_model_config": \#(config)}}, "status": "idle"}"#.utf8))
        let session = Session(id: "s_1", agentID: "a_1", raw: [record])
        let sink = TestSink()
        try await adapter.exportSession(session, into: sink)
        return sink
    }

    /// The service ignores `offset` and returns the newest page for it: paging must go by `before`
    /// (the old offset paging exported the newest page again and never the oldest messages).
    @Test func pagesGoByBeforeAndComeOutOldestFirst() async throws {
        let messages = (1...8).map { #"{"id": "m\#($0)", "role": "\#($0 % 2 == 1 ? "user" : "assistant")", "name": "x", "content": "text \#($0)"}"# }
        let sink = try await export(messages: messages)
        #expect(sink.events.map { $0.id ?? "" } == (1...8).map { "m\($0)" })
        #expect(sink.items.map(\.record.request) == [
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m3", "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m3",
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m6", "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m6",
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m6", "GET /sessions/s_1/messages?agent_id=a_1&limit=3",
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3", "GET /sessions/s_1/messages?agent_id=a_1&limit=3",
        ])
    }

    /// `limit` is the page size clamped to the service's 1…200.
    @Test(arguments: [(0, 1), (3, 3), (200, 200), (500, 200)])
    func pageSizeIsClamped(_ size: Int, _ limit: Int) async throws {
        var s = source
        s.pageSize = size
        let transport = StubTransport(["GET /sessions/s_1/messages?agent_id=a_1&limit=\(limit)": [.init(#"{"messages": [], "has_more": false}"#)]])
        let adapter = AgentScopeAdapter(source: s, transport: transport, credential: nil)
        try await adapter.exportSession(Session(id: "s_1", agentID: "a_1"), into: TestSink())
        #expect(transport.log.withLock { $0 } == ["GET /sessions/s_1/messages?agent_id=a_1&limit=\(limit)"])
    }

    /// A service that answers the same page for every cursor: a paging loop, not an endless run.
    @Test func repeatedCursorIsAPagingLoop() async throws {
        let page = #"{"messages": [{"id": "m7", "role": "user", "name": "u", "content": "hi"}], "has_more": true}"#
        let transport = StubTransport([
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3": [.init(page)],
            "GET /sessions/s_1/messages?agent_id=a_1&limit=3&before=m7": [.init(page)],
        ])
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var adapter = AgentScopeAdapter(source: source, transport: transport, credential: nil)
        adapter.spoolDirectory = folder.path
        let sink = TestSink()
        await #expect {
            try await adapter.exportSession(Session(id: "s_1", agentID: "a_1"), into: sink)
        } throws: { error in
            guard let e = error as? PlatformError, e.kind == .pagingLoop else { return false }
            return e.description.contains("'m7'") && e.sessionID == "s_1"
        }
        #expect(sink.items.isEmpty, "nothing handed over from a history that never ends")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the spool file is removed")
    }

    @Test func emptyPageWithMoreIsAPagingLoop() async throws {
        let transport = StubTransport(["GET /sessions/s_1/messages?agent_id=a_1&limit=3": [.init(#"{"messages": [], "has_more": true}"#)]])
        let adapter = AgentScopeAdapter(source: source, transport: transport, credential: nil)
        await #expect {
            try await adapter.exportSession(Session(id: "s_1", agentID: "a_1"), into: TestSink())
        } throws: { ($0 as? PlatformError)?.kind == .pagingLoop }
    }

    /// The spool file is removed after a good export and after a failure (the sink throws).
    @Test func spoolFileIsAlwaysRemoved() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var adapter = sampleAdapter()
        adapter.spoolDirectory = folder.path
        let (sessions, _) = try await listAll(adapter)
        let s42 = try #require(sessions.first { $0.id == "s_42" })
        let artifacts = try ScratchFolder()
        defer { artifacts.remove() }
        try await adapter.exportSession(s42, into: TestSink(artifactsDirectory: artifacts.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let failing = FailingSink(failAt: 3, artifactsDirectory: artifacts.path)
        await #expect(throws: FailingSink.Stop.self) { try await adapter.exportSession(s42, into: failing) }
        #expect(failing.accepted == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func agentsAreListedWhenNoneAreConfigured() async throws {
        let agents = try await sampleAdapter().agents()
        #expect(agents.map(\.id) == ["a_1", "a_2"])
        #expect(agents.map(\.name) == ["Friday", "Scout"])
        var named = source
        named.agents = ["a_2", "a_9"]
        let chosen = try await sampleAdapter(named).agents()
        #expect(chosen.map(\.id) == ["a_2", "a_9"])
        #expect(chosen.map(\.name) == ["Scout", nil])
    }

    @Test func unknownServerTimezoneIsAConfigurationError() async throws {
        var bad = source
        bad.options = ["server_timezone": "Mars/Olympus"]
        await #expect {
            _ = try await sampleAdapter(bad).agents()
        } throws: { error in
            guard let e = error as? PlatformError, e.kind == .badConfiguration else { return false }
            return e.description.contains("Mars/Olympus") && e.field == "server_timezone"
        }
    }

    /// Without `server_timezone` zoneless times are UTC (assumed and marked); session times are UTC always.
    @Test func zonelessTimesDefaultToUTC() async throws {
        var utc = source
        utc.options = [:]
        let adapter = sampleAdapter(utc)
        let (sessions, _) = try await listAll(adapter)
        let s42 = try #require(sessions.first { $0.id == "s_42" })
        #expect(s42.createdAt?.utcString == "2026-11-20T10:00:00.000Z")
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let sink = TestSink(artifactsDirectory: folder.path)
        try await adapter.exportSession(s42, into: sink)
        let first = try #require(sink.events.first)
        #expect(first.createdAt?.utcString == "2026-11-20T11:00:03.412Z")
        #expect(first.createdAt?.assumedUTC == true)
        #expect(first.createdAt?.original == "2026-11-20T11:00:03.412000")
    }

    /// The service's ways of refusing an identity stop the source (exit 77) and say what is
    /// wrong; a vanished session's history stays a missing item (404 → notFound).
    @Test func identityErrorsStopTheSource() async throws {
        let missing = #"{"detail": [{"type": "missing", "loc": ["header", "x-user-id"], "msg": "Field required", "input": null}]}"#
        let transport = StubTransport([
            "GET /agent/": [.init(missing, status: 422)],
            "GET /sessions/?agent_id=a_1": [.init(#"{"detail": "X-User-ID header is required."}"#, status: 401)],
            "GET /sessions/?agent_id=a_2": [.init(#"{"detail": "Agent 'a_2' not found."}"#, status: 404)],
            "GET /sessions/s_9/messages?agent_id=a_1&limit=3": [.init(#"{"detail": "Session 's_9' not found."}"#, status: 404)],
            "GET /sessions/?agent_id=a_3": [.init(#"{"detail": "Not Found"}"#, status: 404)],
        ])
        let secret = Secret("user-7-secret-id")
        let adapter = AgentScopeAdapter(source: source, transport: transport, credential: Credential(style: .userID, secret: secret))
        await #expect {
            _ = try await adapter.agents()
        } throws: { error in
            guard let e = error as? PlatformError, case .credentialsRefused(422) = e.kind else { return false }
            return e.description.contains("x-user-id header was missing") && e.description.contains("header.x-user-id: Field required") && !secret.occurs(in: e.description)
        }
        await #expect {
            try await adapter.listSessions(of: Agent(id: "a_1"), problem: { _ in }) { _ in }
        } throws: { error in
            guard let e = error as? PlatformError, case .credentialsRefused(401) = e.kind else { return false }
            return e.description.contains("x-user-id header was refused") && !secret.occurs(in: e.description)
        }
        await #expect {
            try await adapter.listSessions(of: Agent(id: "a_2"), problem: { _ in }) { _ in }
        } throws: { error in
            guard let e = error as? PlatformError, case .credentialsRefused(404) = e.kind else { return false }
            return e.description.contains("agent 'a_2' is not visible to this user id")
        }
        await #expect {
            try await adapter.exportSession(Session(id: "s_9", agentID: "a_1"), into: TestSink())
        } throws: { ($0 as? PlatformError)?.kind == .notFound }
        // A 404 that is not the agent check (a base URL that serves no such route) is not an identity error.
        await #expect {
            try await adapter.listSessions(of: Agent(id: "a_3"), problem: { _ in }) { _ in }
        } throws: { ($0 as? PlatformError)?.kind == .notFound }
    }

    @Test func noVisibleAgentStopsTheSource() async throws {
        let transport = StubTransport(["GET /agent/": [.init(#"{"agents": [], "total": 0}"#)]])
        let adapter = AgentScopeAdapter(source: source, transport: transport, credential: nil)
        await #expect {
            _ = try await adapter.agents()
        } throws: { error in
            guard let e = error as? PlatformError, case .credentialsRefused = e.kind else { return false }
            return e.description.contains("no agent is visible to this user id")
        }
    }

    /// A message with a wrongly typed field: a problem naming field and session; the other
    /// messages and pages are exported.
    @Test func malformedMessageIsReportedAndExportGoesOn() async throws {
        let view = #"{"session": {"id": "s_9", "agent_id": "a_1", "config": {"name": "t", "chat_model_config": {"type": "openai", "model": "m"}}}, "status": "idle"}"#
        let transport = StubTransport([
            "GET /sessions/?agent_id=a_1": [.init(#"{"sessions": [\#(view), {"session": {"agent_id": "a_1"}}], "total": 2}"#)],
            "GET /sessions/s_9/messages?agent_id=a_1&limit=3": [.init(#"""
                {"messages": [
                  {"id": "m2", "role": "assistant", "name": "bot", "created_at": "2026-11-20T10:00:01", "content": [{"type": "text", "text": "yo"}], "usage": {"input_tokens": "lots"}},
                  {"id": "m3", "role": "assistant", "name": "bot", "created_at": 17, "content": []},
                  {"id": "m4", "role": "assistant", "name": "bot", "content": "bye", "usage": {"input_tokens": 3, "output_tokens": 1}}
                ], "has_more": true, "event_cursor": null, "is_running": false}
                """#)],
            "GET /sessions/s_9/messages?agent_id=a_1&limit=3&before=m2": [.init(#"{"messages": [{"id": "m1", "role": "user", "name": "user", "created_at": "2026-11-20T10:00:00", "content": "hi"}], "has_more": false, "event_cursor": null, "is_running": false}"#)],
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

/// A sink that stops the export at its `failAt`-th item.
final class FailingSink: SessionSink {
    struct Stop: Error {}
    let failAt: Int
    let artifactsDirectory: String
    var accepted = 0

    init(failAt: Int, artifactsDirectory: String) {
        self.failAt = failAt
        self.artifactsDirectory = artifactsDirectory
    }

    func accept(_ item: consuming SessionItem) async throws {
        guard accepted < failAt else { throw Stop() }
        accepted += 1
    }

    func report(_ problem: ExportProblem) {}
    func markPossiblyTruncated(reason: String) {}
}

/// A fresh folder under the system's temporary folder.
struct ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("chronicle-agentscope-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
