import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import Testing

/// The task walk against a stub server: rows that slide while paging, a lying `total`, a server
/// that ignores `offset`, orphans, ids that differ only in Unicode normalisation, and what goes
/// wrong per session (gone, malformed lines, missing logs, too many cost rows).
@Suite struct AgentSwarmPagingTests {
    static let agent = "ag-1"
    let source = SourceDescriptor(name: "swarm-stub", platform: .agentSwarm, baseURL: "http://stub", pageSize: 3)

    static func time(_ n: Int) -> String { "2026-11-20T10:00:0\(n).000Z" }

    static func task(_ id: String, parent: String? = nil, n: Int, status: String = "completed") -> String {
        let p = parent.map { #", "parentTaskId": "\#($0)""# } ?? ""
        return #"{"id": "\#(id)", "agentId": "\#(agent)", "task": "Task \#(id)", "status": "\#(status)"\#(p), "createdAt": "\#(time(n))", "lastUpdatedAt": "\#(time(n))"}"#
    }

    static func page(_ rows: [String], total: Int) -> StubTransport.Answer {
        .init(#"{"tasks": [\#(rows.joined(separator: ", "))], "total": \#(total)}"#)
    }

    static func walk(offset: Int, after: String? = nil) -> String {
        "GET /api/tasks?orderBy=createdAt&fields=full&includeHeartbeat=true&limit=3&offset=\(offset)"
            + (after.map { "&createdAfter=" + $0.replacingOccurrences(of: ":", with: "%3A") } ?? "")
    }

    /// Agents, active sessions, and for each root its detail (chain = the given tasks) and no costs.
    static func side(_ sessions: [(root: String, chain: [String])]) -> [String: [StubTransport.Answer]] {
        var answers: [String: [StubTransport.Answer]] = [
            "GET /api/agents": [.init(#"{"agents": [{"id": "\#(agent)", "name": "lead"}]}"#)],
            "GET /api/active-sessions": [.init(#"{"sessions": []}"#)],
        ]
        for s in sessions {
            answers["GET /api/sessions/\(s.root)"] = [.init(#"{"root": \#(s.chain[0]), "chain": [\#(s.chain.joined(separator: ", "))]}"#)]
            for t in s.chain {
                guard let id = try? JSONParser.parse(Array(t.utf8))["id"]?.stringValue else { continue }
                answers["GET /api/session-costs?taskId=\(id)&limit=1000"] = [.init(#"{"costs": []}"#)]
            }
        }
        return answers
    }

    func list(_ transport: StubTransport, costLimit: Int = 1000) async throws -> ([Session], [ExportProblem]) {
        let adapter = AgentSwarmAdapter(source: source, transport: transport, credential: nil, costLimit: costLimit)
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        try await adapter.listSessions(of: AgentSwarmAdapter.everyAgent, problem: { problems.append($0) }) { sessions.append($0) }
        return (sessions, problems)
    }

    @Test func activityWhilePagingNeitherDuplicatesNorSkips() async throws {
        // Page 1 is read; then t1's session gets a follow-up t6 (the newest task): every row slides
        // down by one, so page 2 repeats t3, and t6 is only on the read of tasks created since.
        let t = (1...6).map { Self.task("t\($0)", parent: $0 == 6 ? "t1" : nil, n: $0) }
        var answers = Self.side([("t5", [t[4]]), ("t4", [t[3]]), ("t3", [t[2]]), ("t2", [t[1]]), ("t1", [t[0], t[5]])])
        answers[Self.walk(offset: 0)] = [Self.page([t[4], t[3], t[2]], total: 5)]
        answers[Self.walk(offset: 3)] = [Self.page([t[2], t[1], t[0]], total: 6)]
        answers[Self.walk(offset: 6)] = [Self.page([], total: 6)]
        answers[Self.walk(offset: 0, after: Self.time(5))] = [Self.page([t[5], t[4]], total: 2)]
        let transport = StubTransport(answers)
        let (sessions, problems) = try await list(transport)
        #expect(sessions.map(\.id) == ["t5", "t4", "t3", "t2", "t1"])
        #expect(problems.isEmpty, "\(problems)")
        #expect(sessions.last?.status == "completed")
        let walk = transport.log.withLock { $0 }.filter { $0.hasPrefix("GET /api/tasks?") }
        #expect(walk == [Self.walk(offset: 0), Self.walk(offset: 3), Self.walk(offset: 6), Self.walk(offset: 0, after: Self.time(5))])
    }

    @Test func aLyingTotalNeverEndsTheWalkEarly() async throws {
        let t = (1...4).map { Self.task("t\($0)", n: $0) }
        var answers = Self.side([("t4", [t[3]]), ("t3", [t[2]]), ("t2", [t[1]]), ("t1", [t[0]])])
        answers[Self.walk(offset: 0)] = [Self.page([t[3], t[2], t[1]], total: 1)]
        answers[Self.walk(offset: 3)] = [Self.page([t[0]], total: 1)]
        answers[Self.walk(offset: 0, after: Self.time(4))] = [Self.page([t[3]], total: 1)]
        let (sessions, problems) = try await list(StubTransport(answers))
        #expect(sessions.map(\.id) == ["t4", "t3", "t2", "t1"])
        #expect(problems.map(\.kind) == [.warning])
        #expect(problems.first?.message.contains("total (1)") == true)
    }

    /// A server that refuses the `createdAfter` filter (400, `{"error": "Validation error: …"}`):
    /// the walk re-reads the first page instead, with a warning, and loses nothing.
    @Test func aRefusedTimeFilterFallsBackToTheFirstPage() async throws {
        let t = (1...4).map { Self.task("t\($0)", n: $0) }
        var answers = Self.side([("t4", [t[3]]), ("t3", [t[2]]), ("t2", [t[1]]), ("t1", [t[0]])])
        answers[Self.walk(offset: 0)] = [Self.page([t[3], t[2], t[1]], total: 4)]
        answers[Self.walk(offset: 3)] = [Self.page([t[0]], total: 4)]
        answers[Self.walk(offset: 0, after: Self.time(4))] = [.init(#"{"error": "Validation error: createdAfter: Invalid datetime"}"#, status: 400)]
        let transport = StubTransport(answers)
        let (sessions, problems) = try await list(transport)
        #expect(sessions.map(\.id) == ["t4", "t3", "t2", "t1"])
        #expect(problems.map(\.kind) == [.warning])
        #expect(problems.first?.message.contains("Invalid datetime") == true)
        let walk = transport.log.withLock { $0 }.filter { $0.hasPrefix("GET /api/tasks?") }
        #expect(walk == [Self.walk(offset: 0), Self.walk(offset: 3), Self.walk(offset: 0, after: Self.time(4)), Self.walk(offset: 0)])
    }

    @Test func endlessPagingStops() async throws {
        // A server that ignores `offset`.
        let t = (1...3).map { Self.task("t\($0)", n: $0) }
        var answers = Self.side([])
        for offset in stride(from: 0, through: 60, by: 3) {
            answers[Self.walk(offset: offset)] = [Self.page([t[2], t[1], t[0]], total: 1_000_000)]
        }
        await #expect {
            _ = try await list(StubTransport(answers))
        } throws: { error in
            guard let e = error as? PlatformError, e.kind == .pagingLoop else { return false }
            return e.description.contains("swarm-stub")
        }
    }

    /// A task whose parent is not in the walk is exported as a session of its own, with a warning.
    @Test func anOrphanIsItsOwnSession() async throws {
        let orphan = Self.task("t2", parent: "gone", n: 2)
        let root = Self.task("t1", n: 1)
        var answers = Self.side([("t2", [orphan]), ("t1", [root])])
        answers[Self.walk(offset: 0)] = [Self.page([orphan, root], total: 2)]
        answers[Self.walk(offset: 0, after: Self.time(2))] = [Self.page([orphan], total: 1)]
        let (sessions, problems) = try await list(StubTransport(answers))
        #expect(sessions.map(\.id) == ["t2", "t1"])
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("'gone'") == true)
    }

    /// Ids are compared by their bytes: `café` in NFC and in NFD are two tasks, two sessions.
    @Test func idsDifferingOnlyInNormalisationAreTwoSessions() async throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        #expect(nfc == nfd, "Swift String equality is canonical equivalence")
        let a = Self.task(nfc, n: 2), b = Self.task(nfd, n: 1)
        var answers = Self.side([])
        answers[Self.walk(offset: 0)] = [Self.page([a, b], total: 2)]
        answers[Self.walk(offset: 0, after: Self.time(2))] = [Self.page([a], total: 1)]
        // The stub keys requests by their percent-encoded text, which differs for the two ids.
        for (id, row) in [(nfc, a), (nfd, b)] {
            let encoded = id.utf8.map { b in (0x61...0x7A).contains(b) ? String(UnicodeScalar(b)) : String(format: "%%%02X", b) }.joined()
            answers["GET /api/sessions/\(encoded)"] = [.init(#"{"root": \#(row), "chain": [\#(row)]}"#)]
            answers["GET /api/session-costs?taskId=\(encoded)&limit=1000"] = [.init(#"{"costs": []}"#)]
        }
        let (sessions, problems) = try await list(StubTransport(answers))
        #expect(problems.isEmpty, "\(problems)")
        #expect(sessions.map { Array($0.id.utf8) } == [Array(nfc.utf8), Array(nfd.utf8)])
    }

    /// A root deleted between the walk and its detail is recorded as missing; the listing goes on.
    @Test func aSessionGoneAfterTheWalkIsMissing() async throws {
        let t = (1...2).map { Self.task("t\($0)", n: $0) }
        var answers = Self.side([("t1", [t[0]])])
        answers[Self.walk(offset: 0)] = [Self.page([t[1], t[0]], total: 2)]
        answers[Self.walk(offset: 0, after: Self.time(2))] = [Self.page([t[1]], total: 1)]
        answers["GET /api/sessions/t2"] = [.init(#"{"error": "Root task not found"}"#, status: 404)]
        let (sessions, problems) = try await list(StubTransport(answers))
        #expect(sessions.map(\.id) == ["t1"])
        #expect(problems.map(\.kind) == [.missing])
        #expect(problems.first?.message.contains("Root task not found") == true)
    }

    /// Costs: summed exactly (0.1 + 0.2 is 0.3, not a float's 0.30000000000000004); an answer with
    /// `limit` rows may have been cut (no paging): a warning and an unknown cost.
    @Test func costsAreSummedExactlyAndACutAnswerIsUnknown() async throws {
        let root = Self.task("t1", n: 1), child = Self.task("t2", parent: "t1", n: 2)
        func cost(_ id: String, _ task: String, _ usd: String) -> String {
            #"{"id": "\#(id)", "sessionId": "run-\#(id)", "taskId": "\#(task)", "agentId": "ag-1", "totalCostUsd": \#(usd), "inputTokens": 10, "outputTokens": 5, "cacheReadTokens": 0, "cacheWriteTokens": 0, "model": "m", "isError": false, "costSource": "harness", "createdAt": "\#(Self.time(3))"}"#
        }
        var answers = Self.side([("t1", [root, child])])
        answers[Self.walk(offset: 0)] = [Self.page([child, root], total: 2)]
        answers[Self.walk(offset: 0, after: Self.time(2))] = [Self.page([child], total: 1)]
        answers["GET /api/session-costs?taskId=t1&limit=2"] = [.init(#"{"costs": [\#(cost("c1", "t1", "0.1"))]}"#)]
        answers["GET /api/session-costs?taskId=t2&limit=2"] = [.init(#"{"costs": [\#(cost("c2", "t2", "0.2"))]}"#)]
        let (sessions, problems) = try await list(StubTransport(answers), costLimit: 2)
        #expect(problems.isEmpty)
        #expect(sessions.first?.platformCostUSD == "0.3")

        answers["GET /api/session-costs?taskId=t2&limit=2"] = [.init(#"{"costs": [\#(cost("c3", "t2", "0.2")), \#(cost("c2", "t2", "0.2"))]}"#)]
        let (cut, warnings) = try await list(StubTransport(answers), costLimit: 2)
        #expect(cut.first?.platformCostUSD == nil)
        #expect(warnings.map(\.kind) == [.warning])
        #expect(warnings.first?.message.contains("limit 2") == true)
    }

    /// Malformed records: a walked row without id is reported (naming the field) and the walk
    /// goes on; a log line with a wrongly typed field is reported naming field and session, kept,
    /// and the following lines are exported; missing task logs are recorded as missing.
    @Test func malformedRecordsAreReportedAndExportGoesOn() async throws {
        let root = Self.task("t1", n: 1), child = Self.task("t2", parent: "t1", n: 2)
        var answers = Self.side([("t1", [root, child])])
        answers[Self.walk(offset: 0)] = [.init(#"{"tasks": [\#(child), {"agentId": "ag-1", "task": "no id"}, \#(root)], "total": 3}"#)]
        answers[Self.walk(offset: 3)] = [Self.page([], total: 3)]
        answers[Self.walk(offset: 0, after: Self.time(2))] = [Self.page([child], total: 1)]
        answers["GET /api/tasks/t1/session-logs"] = [.init(#"""
            {"logs": [
              {"id": "l1", "lineNumber": 0, "cli": "claude", "createdAt": "2026-11-20T10:00:05.000Z", "content": "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}"},
              {"id": "l2", "lineNumber": 1, "cli": "claude", "createdAt": "2026-11-20T10:00:05.000Z", "content": "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"usage\":{\"input_tokens\":\"many\"}}}"},
              {"id": "l3", "lineNumber": 2, "cli": "claude", "createdAt": "2026-11-20T10:00:05.000Z", "content": "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}}"},
              {"id": "l4", "lineNumber": 3, "cli": "claude", "createdAt": "2026-11-20T10:00:05.000Z", "content": "{\"type\":\"hook_event\",\"name\":\"pre\"}"}
            ]}
            """#)]
        let transport = StubTransport(answers)
        let (sessions, problems) = try await list(transport)
        #expect(sessions.map(\.id) == ["t1"])
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .malformed)
        #expect(problems.first?.item == "task.id")

        let sink = TestSink()
        try await AgentSwarmAdapter(source: source, transport: transport, credential: nil).exportSession(sessions[0], into: sink)
        #expect(sink.items.count == 4)
        #expect(sink.problems.map(\.kind) == [.missing, .malformed], "\(sink.problems)")
        #expect(sink.problems.allSatisfy { $0.sessionID == "t1" })
        #expect(sink.problems.first?.item == "task t2 logs")
        #expect(sink.problems.last?.item == "log_line.content.message.usage.input_tokens")
        #expect(sink.events.map(\.kind) == [.userMessage, .unknown, .assistantMessage, .unknown])
        #expect(sink.events.map { $0.id ?? "" } == ["l1", "l2", "l3", "l4"])
        #expect(sink.events.last?.platformType == "hook_event")
        #expect(sink.totals.inputTokens == 5, "the run has no cost row: its lines' usage counts")
    }
}
