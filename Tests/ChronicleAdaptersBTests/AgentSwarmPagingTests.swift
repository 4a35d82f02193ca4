import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import Testing

/// Quirk: offset paging while sessions arrive shifts rows; de-duplicate by id and re-read the
/// first page at the end. And: a listing that never ends is stopped.
@Suite struct AgentSwarmPagingTests {
    static let agent = "ag-1"
    let source = SourceDescriptor(name: "swarm-stub", platform: .agentSwarm, baseURL: "http://stub", pageSize: 3)

    static func row(_ id: String) -> String {
        #"{"id": "\#(id)", "agentId": "\#(agent)", "title": "Session \#(id)", "status": "completed", "taskIds": ["\#(id)"]}"#
    }

    static func page(_ ids: [String], total: Int, offset: Int) -> StubTransport.Answer {
        .init(#"{"sessions": [\#(ids.map(row).joined(separator: ", "))], "total": \#(total), "limit": 3, "offset": \#(offset)}"#)
    }

    static let side: [String: [StubTransport.Answer]] = [
        "GET /api/active-sessions?agentId=\(agent)": [.init(#"{"sessions": []}"#)],
        "GET /api/session-costs?agentId=\(agent)&limit=1000": [.init(#"{"costs": []}"#)],
    ]

    func list(_ transport: StubTransport) async throws -> ([Session], [ExportProblem]) {
        let adapter = AgentSwarmAdapter(source: source, transport: transport, credential: nil)
        var sessions: [Session] = []
        var problems: [ExportProblem] = []
        try await adapter.listSessions(of: AgentSwarmAdapter.everyAgent, problem: { problems.append($0) }) { sessions.append($0) }
        return (sessions, problems)
    }

    @Test func shiftedRowsAreNeitherDuplicatedNorSkipped() async throws {
        // Page 1 is read; then s6 arrives at the front: every row slides down by one, so page 2
        // repeats s3, and only the re-read first page shows s6.
        var answers = Self.side
        answers["GET /api/sessions?limit=3&offset=0&fields=full"] = [
            Self.page(["s5", "s4", "s3"], total: 5, offset: 0),
            Self.page(["s6", "s5", "s4"], total: 6, offset: 0),
        ]
        answers["GET /api/sessions?limit=3&offset=3&fields=full"] = [Self.page(["s3", "s2", "s1"], total: 6, offset: 3)]
        let transport = StubTransport(answers)
        let (sessions, problems) = try await list(transport)
        #expect(sessions.map(\.id) == ["s5", "s4", "s3", "s2", "s1", "s6"])
        #expect(problems.isEmpty)
        let listings = transport.log.withLock { $0 }.filter { $0.hasPrefix("GET /api/sessions") }
        #expect(listings == [
            "GET /api/sessions?limit=3&offset=0&fields=full", "GET /api/sessions?limit=3&offset=3&fields=full",
            "GET /api/sessions?limit=3&offset=0&fields=full",
        ])
    }

    @Test func rowsThatSlideBackAreCaughtOnTheNextPage() async throws {
        // s4 is deleted after page 1: s1 slides onto page 1's range, page 2 starts at s1's old neighbour.
        var answers = Self.side
        answers["GET /api/sessions?limit=3&offset=0&fields=full"] = [
            Self.page(["s6", "s5", "s4"], total: 6, offset: 0),
            Self.page(["s6", "s5", "s3"], total: 5, offset: 0),
        ]
        answers["GET /api/sessions?limit=3&offset=3&fields=full"] = [Self.page(["s2", "s1"], total: 5, offset: 3)]
        let (sessions, _) = try await list(StubTransport(answers))
        // s3 slid from page 2 onto page 1 while paging; the re-read of page 1 catches it.
        #expect(sessions.map(\.id) == ["s6", "s5", "s4", "s2", "s1", "s3"])
    }

    @Test func endlessPagingStops() async throws {
        // A server that ignores `offset` and claims a huge total.
        var answers = Self.side
        for offset in stride(from: 0, through: 60, by: 3) {
            answers["GET /api/sessions?limit=3&offset=\(offset)&fields=full"] = [Self.page(["s3", "s2", "s1"], total: 1_000_000, offset: offset)]
        }
        await #expect {
            _ = try await list(StubTransport(answers))
        } throws: { error in
            guard let e = error as? PlatformError, e.kind == .pagingLoop else { return false }
            return e.description.contains("swarm-stub")
        }
    }

    /// Malformed records: a listed row without id is reported (naming the field) and the listing
    /// goes on; a log line with a wrongly typed field is reported naming field and session, kept,
    /// and the following lines are exported.
    @Test func malformedRecordsAreReportedAndExportGoesOn() async throws {
        var answers = Self.side
        answers["GET /api/sessions?limit=3&offset=0&fields=full"] = [.init(
            #"{"sessions": [\#(Self.row("s1")), {"agentId": "ag-1", "title": "no id"}, \#(Self.row("s2"))], "total": 3}"#
        )]
        answers["GET /api/tasks/s1/session-logs"] = [.init(#"""
            {"logs": [
              {"lineNumber": "seven", "createdAt": "2026-11-20T10:00:00Z", "content": "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}"},
              {"lineNumber": 8, "content": "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"usage\":{\"input_tokens\":\"many\"}}}"},
              {"lineNumber": 9, "content": "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}}"},
              {"lineNumber": 10, "content": "{\"type\":\"hook_event\",\"name\":\"pre\"}"}
            ]}
            """#)]
        let transport = StubTransport(answers)
        let (sessions, problems) = try await list(transport)
        #expect(sessions.map(\.id) == ["s1", "s2"])
        #expect(problems.count == 1)
        #expect(problems.first?.kind == .malformed)
        #expect(problems.first?.item == "session.id")

        let adapter = AgentSwarmAdapter(source: source, transport: transport, credential: nil)
        let sink = TestSink()
        try await adapter.exportSession(sessions[0], into: sink)
        #expect(sink.items.count == 4)
        #expect(sink.problems.count == 2)
        #expect(sink.problems.allSatisfy { $0.kind == .malformed && $0.sessionID == "s1" })
        #expect(sink.problems.map(\.item) == ["log_line.lineNumber", "log_line.content.message.usage.input_tokens"])
        #expect(sink.problems[0].message.contains("lineNumber"))
        #expect(sink.events.map(\.kind) == [.unknown, .unknown, .assistantMessage, .unknown])
        #expect(sink.events.last?.platformType == "hook_event")
        #expect(sink.totals.inputTokens == 5)
    }

    @Test func missingTaskLogsAreRecordedAsMissing() async throws {
        var answers = Self.side
        answers["GET /api/sessions?limit=3&offset=0&fields=full"] = [Self.page(["s1"], total: 1, offset: 0)]
        let transport = StubTransport(answers)
        let (sessions, _) = try await list(transport)
        let sink = TestSink()
        try await AgentSwarmAdapter(source: source, transport: transport, credential: nil).exportSession(sessions[0], into: sink)
        #expect(sink.problems.map(\.kind) == [.missing])
        #expect(sink.problems.first?.message.contains("not found") == true)
    }
}
