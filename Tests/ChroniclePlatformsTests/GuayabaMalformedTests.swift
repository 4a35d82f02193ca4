import ChronicleCore
import ChronicleJSON
@testable import ChroniclePlatforms
import Foundation
import Testing

/// Guayaba records that break the contract, and platform errors, through a stub transport: each
/// bad record becomes a problem naming the field and the session, and the export goes on.
@Suite struct GuayabaMalformedTests {
    static let source = SourceDescriptor(name: "gy", platform: .guayaba, baseURL: "https://gy.test/api/v1", agents: ["main"])

    /// Stubs are keyed by method and path; the body is checked from what was sent.
    static func historyKey(_ key: String) -> String {
        "POST /agents/main/sessions/history"
    }

    static func adapter(_ replies: [String: StubTransport.Reply], source: SourceDescriptor = source) -> (GuayabaAdapter, StubTransport) {
        let transport = StubTransport(replies)
        return (GuayabaAdapter(source: source, transport: transport, credential: Credential(style: .bearer, secret: Secret("g_master_secret123"))), transport)
    }

    @Test func wronglyTypedSessionFieldIsReportedAndListingGoesOn() async throws {
        let (adapter, _) = Self.adapter([
            "GET /agents/main/sessions": .init(#"[{"key":"agent:main:a","updatedAt":"yesterday"},{"key":"agent:main:b","updatedAt":1763712000123}]"#),
            "GET /agents/main/sessions/archived": .init("[]"),
        ])
        var problems: [ExportProblem] = []
        var sessions: [Session] = []
        try await adapter.listSessions(of: Agent(id: "main"), problem: { problems.append($0) }) { sessions.append($0) }
        #expect(sessions.map(\.id) == ["agent:main:b"])
        #expect(sessions.first?.updatedAt == Timestamp.unixMilliseconds(1_763_712_000_123, literal: "1763712000123"))
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.kind == .malformed)
        #expect(problem.sessionID == "agent:main:a")
        #expect(problem.item == "session.updatedAt")
        #expect(problem.message.contains("updatedAt"))
    }

    @Test func wronglyTypedContentIsReportedAndTheNextMessageStillExports() async throws {
        let (adapter, _) = Self.adapter([
            Self.historyKey("s"): .init(#"[{"id":"m1","role":"user","content":42,"timestamp":1},{"id":"m2","role":"assistant","content":"ok","timestamp":2}]"#),
        ])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "agent:main:s", agentID: "main"), into: sink)
        #expect(sink.events.map(\.kind) == [.unknown, .assistantMessage])
        #expect(sink.events.map(\.id) == ["m1", "m2"])
        #expect(sink.items.count == 2)
        let problem = try #require(sink.problems.first)
        #expect(problem.kind == .malformed)
        #expect(problem.sessionID == "agent:main:s")
        #expect(problem.item == "message.content")
        #expect(sink.truncationReason == nil)
    }

    @Test func badBase64IsAnInvalidArtifactAndLeavesNoFile() async throws {
        let history = #"[{"id":"m1","role":"user","content":[{"type":"text","text":"see"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBO*w0K"}}]},{"id":"m2","role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"aGVsbG8="}}]}]"#
        let (adapter, _) = Self.adapter([Self.historyKey("s"): .init(history)])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "agent:main:s", agentID: "main"), into: sink)
        #expect(sink.artifacts.map(\.state) == [.invalid, .stored])
        let problem = try #require(sink.problems.first)
        #expect(sink.problems.count == 1)
        #expect(problem.kind == .invalidArtifact)
        #expect(problem.sessionID == "agent:main:s")
        #expect(problem.item == "message m1 content[1]")
        #expect(problem.message.contains("source.data"))
        // "hello" stored by its SHA-256; no temporary file left.
        #expect(TestSupport.files(in: dir) == ["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.png"])
    }

    @Test func missingHistoryIsAMissingItemNotAFailure() async throws {
        let (adapter, _) = Self.adapter([Self.historyKey("s"): .init(status: 404, #"{"error":"not_found","message":"Session not found"}"#)])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "agent:main:s", agentID: "main"), into: sink)
        #expect(sink.problems.map(\.kind) == [.missing])
        #expect(sink.problems.first?.message.contains("Session not found") == true)
    }

    @Test func historyOfExactlyTheDefaultLimitIsPossiblyTruncated() async throws {
        for (count, truncated) in [(1000, true), (999, false)] {
            let messages = (0..<count).map { #"{"id":"m\#($0)","role":"user","content":"x"}"# }.joined(separator: ",")
            let (adapter, transport) = Self.adapter([Self.historyKey("s"): .init("[" + messages + "]")])
            #expect(adapter.historyLimit == 1000)
            let dir = try TestSupport.makeTemporaryDirectory()
            defer { TestSupport.removeDirectory(dir) }
            let sink = TestSink(artifactsDirectory: dir)
            try await adapter.exportSession(Session(id: "agent:main:s", agentID: "main"), into: sink)
            #expect(sink.events.count == count)
            #expect((sink.truncationReason != nil) == truncated)
            #expect(transport.sent.first?.body == Array(#"{"sessionKey":"agent:main:s","limit":1000}"#.utf8))
            #expect(transport.sent.first?.credential != nil)
        }
    }

    @Test func historyLimitOptionIsValidated() {
        #expect(GuayabaAdapter.historyLimit(option: "5") == 5)
        #expect(GuayabaAdapter.historyLimit(option: "1000") == 1000)
        #expect(GuayabaAdapter.historyLimit(option: "0") == 1000)
        #expect(GuayabaAdapter.historyLimit(option: "1001") == 1000)
        #expect(GuayabaAdapter.historyLimit(option: "many") == 1000)
        #expect(GuayabaAdapter.historyLimit(option: nil) == 1000)
    }

    @Test func refusedCredentialStopsWithThePlatformsMessage() async throws {
        let (adapter, _) = Self.adapter([
            "GET /agents": .init(status: 401, #"{"error":"unauthorized","message":"Invalid or missing API key g_master_secret123"}"#),
        ], source: SourceDescriptor(name: "gy", platform: .guayaba, baseURL: "https://gy.test/api/v1"))
        do {
            _ = try await adapter.agents()
            Issue.record("expected a PlatformError")
        } catch let error as PlatformError {
            #expect(error.kind == .credentialsRefused(status: 401))
            #expect(error.message.contains("unauthorized: Invalid or missing API key"))
            #expect(!error.description.contains("g_master_secret123"))
        }
    }

    @Test func agentsListingIsABareArray() async throws {
        let (adapter, _) = Self.adapter([
            "GET /agents": .init(#"[{"id":"main","name":"Main"},{"id":"ops"}]"#),
        ], source: SourceDescriptor(name: "gy", platform: .guayaba, baseURL: "https://gy.test/api/v1"))
        let agents = try await adapter.agents()
        #expect(agents.map(\.id) == ["main", "ops"])
        #expect(agents.map(\.name) == ["Main", nil])
    }

    @Test func contentBlocksMapToToolCallsResultsAndJSON() async throws {
        let history = #"[{"id":"m1","role":"assistant","content":[{"type":"tool_use","id":"tu_1","name":"read_file","input":{"path":"a"}}],"usage":{}},{"id":"m2","role":"user","content":[{"type":"tool_result","tool_use_id":"tu_1","content":"ok","is_error":true}]},{"id":"m3","role":"narrator","content":[{"type":"sticker","id":"st"}]}]"#
        let (adapter, _) = Self.adapter([Self.historyKey("s"): .init(history)])
        let dir = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(dir) }
        let sink = TestSink(artifactsDirectory: dir)
        try await adapter.exportSession(Session(id: "agent:main:s", agentID: "main"), into: sink)
        #expect(sink.problems.isEmpty)
        #expect(sink.events.map(\.kind) == [.toolCall, .toolResult, .unknown])
        #expect(sink.events[0].blocks == [.toolCall(id: "tu_1", name: "read_file", input: .object([.init("path", .string("a"))]))])
        #expect(sink.events[0].usage == nil, "an empty usage object is unknown, not zero")
        #expect(sink.events[1].blocks == [.toolResult(id: "tu_1", name: nil, output: .string("ok"), isError: true)])
        #expect(sink.events[2].blocks.first == .json(.object([.init("type", .string("sticker")), .init("id", .string("st"))])))
    }
}
