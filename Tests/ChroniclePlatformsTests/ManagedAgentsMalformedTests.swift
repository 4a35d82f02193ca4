import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import Foundation
import Testing

/// managed-agents records that break the contract, paging faults and platform errors, through a
/// stub transport: each bad record becomes a problem naming the field and the session, and the
/// export goes on; a repeating cursor stops the listing.
@Suite struct ManagedAgentsMalformedTests {
    static let source = SourceDescriptor(name: "ma", platform: .managedAgents, baseURL: "https://ma.test/v1", agents: ["agent_1"], pageSize: 2)

    static func adapter(_ replies: [String: StubTransport.Reply], source: SourceDescriptor = source) -> ManagedAgentsAdapter {
        ManagedAgentsAdapter(source: source, transport: StubTransport(replies), credential: Credential(style: .bearer, secret: Secret("sk-ma-secret-123")))
    }

    static func noFiles(_ session: String) -> (String, StubTransport.Reply) {
        ("GET /files?session_id=\(session)&limit=2", .init(#"{"data":[],"next_cursor":null}"#))
    }

    @Test func repeatingCursorIsAPagingLoop() async throws {
        let adapter = Self.adapter([
            "GET /sessions?agent_id=agent_1&limit=2": .init(#"{"data":[{"id":"s1"}],"next_cursor":"c1"}"#),
            "GET /sessions?agent_id=agent_1&limit=2&cursor=c1": .init(#"{"data":[{"id":"s2"}],"next_cursor":"c1"}"#),
        ])
        var sessions: [String] = []
        do {
            try await adapter.listSessions(of: Agent(id: "agent_1"), problem: { _ in }) { sessions.append($0.id) }
            Issue.record("expected a paging loop error")
        } catch let error as PlatformError {
            #expect(error.kind == .pagingLoop)
            #expect(error.message.contains("c1"))
        }
        #expect(sessions == ["s1", "s2"])
    }

    @Test func wronglyTypedSessionFieldIsReportedAndListingGoesOn() async throws {
        let adapter = Self.adapter([
            "GET /sessions?agent_id=agent_1&limit=2": .init(#"{"data":[{"id":"s1","status":7},{"id":"s2","status":"running"}],"next_cursor":null}"#),
        ])
        var problems: [ExportProblem] = []
        var sessions: [Session] = []
        try await adapter.listSessions(of: Agent(id: "agent_1"), problem: { problems.append($0) }) { sessions.append($0) }
        #expect(sessions.map(\.id) == ["s2"])
        #expect(sessions.first?.running == true)
        #expect(problems.count == 1)
        #expect(problems.first?.sessionID == "s1")
        #expect(problems.first?.item == "session.status")
    }

    @Test func wronglyTypedUsageIsReportedAndTheNextEventStillExports() async throws {
        let events = #"[{"id":"e1","type":"agent.message","content":[{"type":"text","text":"hi"}],"usage":{"input_tokens":"900"}},{"id":"e2","type":"agent.tool_use","input":{}},{"id":"e3","type":"agent.message","content":"plain","usage":{"output_tokens":5}}]"#
        let (k, v) = Self.noFiles("s1")
        let adapter = Self.adapter(["GET /sessions/s1/events": .init(events), k: v])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "s1", agentID: "agent_1"), into: sink)
        #expect(sink.events.map(\.id) == ["e1", "e2", "e3"])
        #expect(sink.events.map(\.kind) == [.unknown, .unknown, .assistantMessage])
        #expect(sink.events[2].usage == Usage(outputTokens: 5))
        #expect(sink.problems.map(\.item) == ["event.usage.input_tokens", "event.name"])
        #expect(sink.problems.allSatisfy { $0.sessionID == "s1" && $0.kind == .malformed })
    }

    @Test func missingFileIsReportedAndTheOtherFilesAreStored() async throws {
        let adapter = Self.adapter([
            "GET /sessions/s1/events": .init("[]"),
            "GET /files?session_id=s1&limit=2": .init(#"{"data":[{"id":"f1","filename":"gone.png","mime_type":"image/png","size_bytes":3},{"id":"f2","filename":"a.txt","mime_type":"text/plain","size_bytes":5}],"next_cursor":"n2"}"#),
            "GET /files?session_id=s1&limit=2&cursor=n2": .init(#"{"data":[{"id":"f3","filename":"b.txt","size_bytes":99}],"next_cursor":null}"#),
            "GET /files/f1/content": .init(status: 404, #"{"error":{"type":"not_found_error","message":"File expired"}}"#),
            "GET /files/f2/content": .init(status: 200, bytes: Array("hello".utf8), headers: [HeaderField("content-type", "text/plain")]),
            "GET /files/f3/content": .init(status: 200, bytes: Array("short".utf8), headers: [HeaderField("content-type", "text/plain")]),
        ])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "s1", agentID: "agent_1"), into: sink)
        #expect(sink.artifacts.map(\.artifactID) == ["f1", "f2", "f3"])
        #expect(sink.artifacts.map(\.state) == [.missing, .stored, .invalid])
        #expect(sink.problems.map(\.kind) == [.missing, .invalidArtifact])
        #expect(sink.problems[0].item == "file f1")
        #expect(sink.problems[0].message.contains("not_found_error: File expired"))
        #expect(sink.problems[1].item == "file f3")
        #expect(sink.problems.allSatisfy { $0.sessionID == "s1" })
        #expect(TestSupport.files(in: dir) == ["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.txt"])
        // Each file's listing record is kept with the artifact it gave.
        #expect(sink.items.filter { $0.record.kind == "file" }.count == 3)
    }

    @Test func overloadedIsAnErrorWithThePlatformsMessage() async throws {
        let adapter = Self.adapter([
            "GET /agents?limit=2": .init(status: 529, #"{"error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ], source: SourceDescriptor(name: "ma", platform: .managedAgents, baseURL: "https://ma.test/v1", pageSize: 2))
        do {
            _ = try await adapter.agents()
            Issue.record("expected a PlatformError")
        } catch let error as PlatformError {
            #expect(error.kind == .unexpectedStatus(529))
            #expect(error.message.contains("overloaded_error: Overloaded"))
        }
    }

    @Test func eventLogThatIsNotAnArrayIsReportedAndKeptRaw() async throws {
        let (k, v) = Self.noFiles("s1")
        let adapter = Self.adapter(["GET /sessions/s1/events": .init(#"{"data":[]}"#), k: v])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "s1", agentID: "agent_1"), into: sink)
        #expect(sink.problems.map(\.kind) == [.malformed])
        #expect(sink.items.first?.record.bytes == Array(#"{"data":[]}"#.utf8))
    }

    @Test func statusAndErrorEventsMapToTheirKinds() async throws {
        let events = #"[{"id":"e1","type":"session.status","status":"idle"},{"id":"e2","type":"session.error","error":{"type":"api_error","message":"boom"}},{"id":"e3","type":"agent.thinking","thinking":"hmm"},{"id":"e4","type":"agent.tool_result","tool_use_id":"t","content":[{"type":"text","text":"r"}],"is_error":false}]"#
        let (k, v) = Self.noFiles("s1")
        let adapter = Self.adapter(["GET /sessions/s1/events": .init(events), k: v])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "s1", agentID: "agent_1"), into: sink)
        #expect(sink.problems.isEmpty)
        #expect(sink.events.map(\.kind) == [.status, .error, .thinking, .toolResult])
        #expect(sink.events[1].blocks.first == .text("api_error: boom", markdown: false))
        #expect(sink.events[2].blocks == [.thinking("hmm")])
    }
}
