import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import Testing

/// Each harness's line format (`cli` + `content`, as `src/providers/*-adapter.ts` and
/// `src/commands/runner.ts` write them) maps to events, and the tokens of a run without a cost row
/// are read from its lines, each request once.
@Suite struct AgentSwarmLineFormatTests {
    let source = SourceDescriptor(name: "swarm-stub", platform: .agentSwarm, baseURL: "http://stub", pageSize: 50)

    static func line(_ id: String, task: String, run: String, cli: String, n: Int, second: Int, _ content: String) -> String {
        let escaped = String(decoding: JSONWriter.serialize(.string(content)), as: UTF8.self)
        return #"{"id": "\#(id)", "taskId": "\#(task)", "sessionId": "\#(run)", "iteration": 1, "cli": "\#(cli)", "content": \#(escaped), "lineNumber": \#(n), "createdAt": "2026-11-20T10:00:\#(second < 10 ? "0" : "")\#(second).000Z"}"#
    }

    static func task(_ id: String, parent: String?, provider: String, model: String) -> String {
        let p = parent.map { #", "parentTaskId": "\#($0)""# } ?? ""
        return #"{"id": "\#(id)", "agentId": "ag", "task": "t", "status": "completed"\#(p), "model": "\#(model)", "provider": "\#(provider)", "createdAt": "2026-11-20T10:00:00.000Z", "lastUpdatedAt": "2026-11-20T10:00:30.000Z"}"#
    }

    func export(_ logs: [String: [String]], costs: [String: String] = [:]) async throws -> TestSink {
        let chain = [
            Self.task("t1", parent: nil, provider: "claude", model: "claude-sonnet-4-6"), Self.task("t2", parent: "t1", provider: "codex", model: "gpt-5.1-codex"),
            Self.task("t3", parent: "t1", provider: "opencode", model: "anthropic/claude-sonnet-4-6"), Self.task("t4", parent: "t2", provider: "pi", model: "gpt-5-mini"),
        ]
        var answers: [String: [StubTransport.Answer]] = [
            "GET /api/agents": [.init(#"{"agents": [{"id": "ag", "name": "lead"}]}"#)],
            "GET /api/active-sessions": [.init(#"{"sessions": []}"#)],
            "GET /api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=50&offset=0": [.init(#"{"tasks": [\#(chain.reversed().joined(separator: ","))], "total": 4}"#)],
            "GET /api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=50&offset=0&createdAfter=2026-11-20T10%3A00%3A00.000Z": [.init(#"{"tasks": [], "total": 0}"#)],
            "GET /api/sessions/t1": [.init(#"{"root": \#(chain[0]), "chain": [\#(chain.joined(separator: ","))]}"#)],
        ]
        for t in ["t1", "t2", "t3", "t4"] {
            answers["GET /api/session-costs?taskId=\(t)&limit=1000"] = [.init(#"{"costs": [\#(costs[t] ?? "")]}"#)]
            answers["GET /api/tasks/\(t)/session-logs"] = [.init(#"{"logs": [\#((logs[t] ?? []).joined(separator: ","))]}"#)]
        }
        let transport = StubTransport(answers)
        let adapter = AgentSwarmAdapter(source: source, transport: transport, credential: nil)
        var sessions: [Session] = []
        try await adapter.listSessions(of: AgentSwarmAdapter.everyAgent, problem: { Issue.record("\($0)") }) { sessions.append($0) }
        let session = try #require(sessions.first)
        let sink = TestSink()
        try await adapter.exportSession(session, into: sink)
        #expect(sink.problems.isEmpty, "\(sink.problems)")
        return sink
    }

    static let logs: [String: [String]] = [
        "t1": [
            line("c1", task: "t1", run: "r1", cli: "claude", n: 0, second: 1, #"{"type":"system","subtype":"init","model":"claude-sonnet-4-6"}"#),
            line("c2", task: "t1", run: "r1", cli: "claude", n: 1, second: 1, #"{"type":"assistant","message":{"id":"m1","model":"claude-sonnet-4-6","content":[{"type":"thinking","thinking":"hm"}],"usage":{"input_tokens":100,"output_tokens":10,"cache_read_input_tokens":1000}}}"#),
            line("c3", task: "t1", run: "r1", cli: "claude", n: 2, second: 1, #"{"type":"assistant","message":{"id":"m1","model":"claude-sonnet-4-6","content":[{"type":"tool_use","id":"tu1","name":"Bash","input":{"command":"ls"}}],"usage":{"input_tokens":100,"output_tokens":10,"cache_read_input_tokens":1000}}}"#),
            line("c4", task: "t1", run: "r1", cli: "claude", n: 0, second: 9, #"{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"tu1","content":"a b","is_error":true}]}}"#),
            line("c5", task: "t1", run: "r1", cli: "claude", n: 1, second: 9, #"{"type":"stderr","content":"warning: low disk","timestamp":"2026-11-20T10:00:09.000Z"}"#),
            line("c6", task: "t1", run: "r1", cli: "claude", n: 2, second: 9, "plain text, not JSON"),
            line("c7", task: "t1", run: "r1", cli: "claude", n: 3, second: 9, #"{"type":"result","subtype":"success","is_error":false,"result":"done","usage":{"input_tokens":100,"output_tokens":10}}"#),
        ],
        "t2": [
            line("x1", task: "t2", run: "r2", cli: "codex", n: 0, second: 3, #"{"type":"item.started","item":{"id":"i1","type":"command_execution","command":"make","aggregated_output":"","exit_code":null,"status":"in_progress"}}"#),
            line("x2", task: "t2", run: "r2", cli: "codex", n: 1, second: 3, #"{"type":"item.completed","item":{"id":"i1","type":"command_execution","command":"make","aggregated_output":"boom","exit_code":2,"status":"failed"}}"#),
            line("x3", task: "t2", run: "r2", cli: "codex", n: 2, second: 3, #"{"type":"item.completed","item":{"id":"i2","type":"reasoning","text":"think"}}"#),
            line("x4", task: "t2", run: "r2", cli: "codex", n: 3, second: 3, #"{"type":"item.completed","item":{"id":"i3","type":"agent_message","text":"fixed"}}"#),
            line("x5", task: "t2", run: "r2", cli: "codex", n: 4, second: 3, #"{"type":"turn.completed","usage":{"input_tokens":500,"cached_input_tokens":200,"output_tokens":50}}"#),
            line("x6", task: "t2", run: "r2", cli: "codex", n: 5, second: 3, #"{"type":"turn.failed","error":{"message":"quota"}}"#),
        ],
        "t3": [
            line("o1", task: "t3", run: "r3", cli: "opencode", n: 0, second: 5, #"{"type":"tool_start","toolCallId":"k1","toolName":"webfetch","args":{"url":"u"}}"#),
            line("o2", task: "t3", run: "r3", cli: "opencode", n: 1, second: 5, #"{"type":"tool_end","toolCallId":"k1","toolName":"webfetch","result":"page"}"#),
            line("o3", task: "t3", run: "r3", cli: "opencode", n: 2, second: 5, #"{"type":"message.updated","properties":{"info":{"id":"mo","tokens":{"input":7,"output":3}}}}"#),
            line("o4", task: "t3", run: "r3", cli: "opencode", n: 3, second: 5, #"{"type":"message","role":"assistant","content":"answer"}"#),
            line("o5", task: "t3", run: "r3", cli: "opencode", n: 4, second: 5, #"{"type":"result","cost":{"totalCostUsd":0.01,"inputTokens":70,"outputTokens":30,"cacheReadTokens":0,"cacheWriteTokens":0,"model":"anthropic/claude-sonnet-4-6"},"isError":false}"#),
            line("o6", task: "t3", run: "r3", cli: "opencode", n: 5, second: 5, #"{"type":"error","message":"overloaded"}"#),
        ],
        "t4": [
            line("p1", task: "t4", run: "r4", cli: "pi", n: 0, second: 7, #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"tc","name":"read","input":{"path":"a"}}],"model":"gpt-5-mini"}}"#),
            line("p2", task: "t4", run: "r4", cli: "pi", n: 1, second: 7, #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_result","tool_use_id":"tc","content":"text"}]}}"#),
            line("p3", task: "t4", run: "r4", cli: "pi", n: 2, second: 7, #"{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"LGTM"}],"model":"gpt-5-mini"}}"#),
            line("d1", task: "t4", run: "r5", cli: "devin", n: 0, second: 8, #"{"type":"system","message":{"role":"system","content":""},"provider_meta":{"provider":"devin","kind":"status","status":"working"}}"#),
            line("d2", task: "t4", run: "r5", cli: "devin", n: 1, second: 8, #"{"type":"assistant","message":{"role":"assistant","content":"Opened a PR"}}"#),
        ],
    ]

    @Test func everyFormatMapsToEventsInTimeOrder() async throws {
        let sink = try await export(Self.logs)
        let kinds = Dictionary(uniqueKeysWithValues: sink.events.map { ($0.id ?? "", $0.kind) })
        #expect(sink.events.map { $0.id ?? "" } == ["c1", "c2", "c3", "x1", "x2", "x3", "x4", "x5", "x6", "o1", "o2", "o3", "o4", "o5", "o6", "p1", "p2", "p3", "d1", "d2", "c4", "c5", "c6", "c7"])
        #expect(kinds["c1"] == .systemMessage)
        #expect(kinds["c2"] == .thinking)
        #expect(kinds["c3"] == .toolCall)
        #expect(kinds["c4"] == .toolResult)
        #expect(kinds["c5"] == .status)
        #expect(kinds["c6"] == .unknown)
        #expect(kinds["c7"] == .status)
        #expect([kinds["x1"], kinds["x2"], kinds["x3"], kinds["x4"], kinds["x5"], kinds["x6"]] == [.toolCall, .toolResult, .thinking, .assistantMessage, .status, .error])
        #expect([kinds["o1"], kinds["o2"], kinds["o3"], kinds["o4"], kinds["o5"], kinds["o6"]] == [.toolCall, .toolResult, .status, .assistantMessage, .status, .error])
        #expect([kinds["p1"], kinds["p2"], kinds["p3"]] == [.toolCall, .toolResult, .assistantMessage])
        #expect([kinds["d1"], kinds["d2"]] == [.systemMessage, .assistantMessage])
        let devinStatus = try #require(sink.events.first { $0.id == "d1" })
        guard case .json(let shown)? = devinStatus.blocks.first else { Issue.record("devin's status line is not shown as JSON"); return }
        #expect(shown["provider_meta"]?["status"]?.stringValue == "working")
        #expect(sink.events.first { $0.id == "d2" }?.blocks == [.text("Opened a PR", markdown: true)])
        let failed = try #require(sink.events.first { $0.id == "x2" })
        #expect(failed.blocks == [.toolResult(id: "i1", name: "shell", output: .string("boom"), isError: true)])
        let stderr = try #require(sink.events.first { $0.id == "c5" })
        #expect(stderr.blocks == [.rawText("warning: low disk")])
        // Speakers are the agents' names where the harness speaks.
        #expect(sink.events.first { $0.id == "x4" }?.speaker == "lead")
    }

    /// No run has a cost row: each run's tokens come from its lines, each request once — claude
    /// m1 once (not its result line's total), codex's turn, opencode's result (not the raw
    /// message.updated), pi none.
    @Test func linesCountTokensOnceWhenTheRunHasNoCostRow() async throws {
        let totals = try await export(Self.logs).totals
        #expect(totals.modelRequests == 3)
        #expect(totals.inputTokens == Int64(100 + 500 + 70))
        #expect(totals.outputTokens == Int64(10 + 50 + 30))
        #expect(totals.cacheReadTokens == Int64(1000 + 200 + 0))
    }

    /// A run with a cost row takes its tokens from the row alone: its lines add nothing.
    @Test func aCostRowReplacesItsRunsLineTokens() async throws {
        let row = #"{"id": "k-1", "sessionId": "r1", "taskId": "t1", "agentId": "ag", "totalCostUsd": 0.05, "inputTokens": 111, "outputTokens": 22, "cacheReadTokens": 3, "cacheWriteTokens": 4, "model": "claude-sonnet-4-6", "isError": false, "costSource": "harness", "createdAt": "2026-11-20T10:00:20.000Z"}"#
        let sink = try await export(Self.logs, costs: ["t1": row])
        let totals = sink.totals
        #expect(totals.modelRequests == 3)
        #expect(totals.inputTokens == Int64(111 + 500 + 70))
        #expect(totals.outputTokens == Int64(22 + 50 + 30))
        #expect(sink.events.last?.id == "k-1", "the cost row is placed by its time, after the lines")
        #expect(sink.events.filter { $0.id?.hasPrefix("c") == true }.allSatisfy { $0.usage == nil })
    }
}
