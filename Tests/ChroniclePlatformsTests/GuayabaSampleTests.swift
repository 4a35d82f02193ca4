import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Testing

/// The guayaba adapter against `samples/guayaba` through the replay transport, compared with the
/// tree's EXPECTED.json.
@Suite struct GuayabaSampleTests {
    static func run() async throws -> (JSONValue, [TestSupport.Exported], [ExportProblem], String) {
        let expected = try TestSupport.expected("guayaba")
        let limit = expected["history_limit"]?.int64Value ?? 0
        let root = TestSupport.samplesDirectory("guayaba")
        let source = SourceDescriptor(name: "guayaba-sample", platform: .guayaba, baseURL: "file:" + root, pageSize: 3, options: ["history_limit": String(limit)])
        let adapter = GuayabaAdapter(source: source, transport: ReplayTransport(root: root), credential: nil)
        #expect(adapter.historyLimit == Int(limit))
        let artifacts = try TestSupport.makeTemporaryDirectory()
        let (sessions, problems) = try await TestSupport.exportAll(adapter, artifactsDirectory: artifacts)
        return (expected, sessions, problems, artifacts)
    }

    @Test func sessionsEventsAndKindsMatchExpected() async throws {
        let (expected, sessions, listingProblems, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        #expect(listingProblems.isEmpty)
        let want = expected["sessions"]?.arrayValue ?? []
        #expect(sessions.map(\.session.id) == want.compactMap { $0["session_key"]?.stringValue })
        for (got, exp) in zip(sessions, want) {
            let id = got.session.id
            #expect(got.sink.problems.isEmpty, "session \(id): \(got.sink.problems)")
            #expect(got.session.agentID == exp["agent_id"]?.stringValue)
            #expect(got.session.title == exp["label"]?.stringValue)
            #expect(got.session.updatedAt?.epochMilliseconds == exp["updated_at_ms"]?.int64Value)
            #expect(got.session.updatedAt?.original == exp["updated_at_ms"].map { String(decoding: JSONWriter.serialize($0), as: UTF8.self) })
            #expect(got.session.raw.count == 1)
            #expect(got.sink.events.map { $0.id ?? "" } == TestSupport.strings(exp["event_ids"]), "session \(id)")
            #expect(got.sink.events.map(\.kind.rawValue) == TestSupport.strings(exp["event_kinds"]), "session \(id)")
            #expect(got.sink.events.map(\.platformType) == TestSupport.strings(exp["event_roles"]), "session \(id)")
            // One raw record per message, kept byte for byte.
            #expect(got.sink.items.allSatisfy { $0.record.kind == "message" && $0.record.request.hasPrefix("POST /agents/") })
        }
    }

    @Test func archivedSessionsAreExportedWithTheirStatus() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            #expect(got.session.status == exp["status"]?.stringValue)
        }
        #expect(sessions.contains { $0.session.status == "archived" })
    }

    @Test func historyAtLimitIsMarkedPossiblyTruncated() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            let want = exp["possibly_truncated"]?.boolValue ?? false
            #expect((got.sink.truncationReason != nil) == want, "session \(got.session.id)")
        }
        #expect(sessions.contains { $0.sink.truncationReason != nil })
    }

    @Test func usageIsKnownOnlyWhereSentAndNeverZeroFilled() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            let unknown = Set(TestSupport.strings(exp["unknown_usage_event_ids"]))
            for event in got.sink.events {
                let id = event.id ?? ""
                if unknown.contains(id) {
                    #expect(event.usage == nil, "\(id) should have unknown usage")
                    #expect(event.requestID == nil)
                } else {
                    #expect(event.usage == TestSupport.usage(exp["usage"]?[id]), "\(id)")
                    #expect(event.requestID == id)
                    #expect(event.model == "claude-sonnet-4-6")
                }
            }
        }
    }

    @Test func inlineBase64ArtifactsAreStoredByContentAddress() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            let want = exp["artifacts"]?.arrayValue ?? []
            #expect(got.sink.artifacts.count == want.count)
            for (ref, w) in zip(got.sink.artifacts, want) {
                #expect(ref.state == .stored)
                #expect(ref.artifactID == nil)
                #expect(ref.sha256 == w["sha256"]?.stringValue)
                #expect(ref.size == w["size"]?.int64Value)
                #expect(ref.mediaType == w["mime_type"]?.stringValue)
                #expect(ref.name == w["title"]?.stringValue)
                let path = try #require(ref.storedPath)
                #expect(path.hasPrefix("artifacts/\(ref.sha256 ?? "-")."))
                let (sha, size) = try TestSupport.sha256Hex(ofFile: artifacts + "/" + String(path.dropFirst("artifacts/".count)))
                #expect(sha == w["sha256"]?.stringValue)
                #expect(size == w["size"]?.int64Value)
                // The event that carried it has an artifact block pointing at the stored file.
                let messageID = w["message_id"]?.stringValue
                let event = try #require(got.sink.events.first { $0.id == messageID })
                #expect(event.blocks.contains(.artifact(ref)))
            }
        }
        // Nothing but content-addressed files is left behind.
        #expect(TestSupport.files(in: artifacts).allSatisfy { !$0.hasPrefix(".") })
        #expect(TestSupport.files(in: artifacts).count == 2)
    }

    @Test func rawMessageRecordsKeepTheirBytes() async throws {
        let (_, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        let first = try #require(sessions.first)
        let record = try #require(first.sink.items.first?.record)
        // The first message carries the base64 once, exactly as the platform sent it.
        let text = String(decoding: record.bytes, as: UTF8.self)
        #expect(text.hasPrefix("{"))
        #expect(text.contains("\"media_type\": \"application/pdf\""))
        #expect(record.elidedMember == nil)
        // The literal of updatedAt survives in the session record.
        #expect(String(decoding: first.session.raw[0].bytes, as: UTF8.self).contains("\"updatedAt\": 1763711093777"))
    }

    @Test func historyBodyIsByteStableAndMatchesTheReplayFiles() async throws {
        let expected = try TestSupport.expected("guayaba")
        for request in expected["requests"]?.arrayValue ?? [] where request["method"]?.stringValue == "POST" {
            let body = try #require(request["body"]?.stringValue)
            let key = try #require(try JSONParser.parse(Array(body.utf8))["sessionKey"]?.stringValue)
            let ours = GuayabaAdapter.historyBody(sessionKey: key, limit: Int(expected["history_limit"]?.int64Value ?? 0))
            #expect(ours == Array(body.utf8))
            let path = ["agents", "x", "sessions", "history"]
            let relative = ReplayLayout.relativePath(for: TransportRequest(method: "POST", path: path, body: ours))
            #expect(relative.hasSuffix(request["file"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "?"))
        }
        #expect(GuayabaAdapter.historyBody(sessionKey: "agent:main:telegram:4411", limit: 1000) == Array(#"{"sessionKey":"agent:main:telegram:4411","limit":1000}"#.utf8))
    }
}
