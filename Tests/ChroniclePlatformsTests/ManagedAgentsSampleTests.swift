import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Testing

/// The managed-agents adapter against `samples/managed-agents` through the replay transport,
/// compared with the tree's EXPECTED.json.
@Suite struct ManagedAgentsSampleTests {
    static func run() async throws -> (JSONValue, [TestSupport.Exported], [ExportProblem], String) {
        let expected = try TestSupport.expected("managed-agents")
        let root = TestSupport.samplesDirectory("managed-agents")
        let source = SourceDescriptor(name: "managed-agents-sample", platform: .managedAgents, baseURL: "file:" + root, pageSize: Int(expected["page_size"]?.int64Value ?? 3))
        let adapter = ManagedAgentsAdapter(source: source, transport: ReplayTransport(root: root), credential: nil)
        let artifacts = try TestSupport.makeTemporaryDirectory()
        let (sessions, problems) = try await TestSupport.exportAll(adapter, artifactsDirectory: artifacts)
        return (expected, sessions, problems, artifacts)
    }

    @Test func sessionsAcrossCursorPagesAndEventsInOrder() async throws {
        let (expected, sessions, listingProblems, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        #expect(listingProblems.isEmpty)
        let want = expected["sessions"]?.arrayValue ?? []
        #expect(sessions.map(\.session.id) == want.compactMap { $0["session_id"]?.stringValue })
        for (got, exp) in zip(sessions, want) {
            let id = got.session.id
            #expect(got.sink.problems.isEmpty, "session \(id): \(got.sink.problems)")
            #expect(got.sink.truncationReason == nil)
            #expect(got.session.agentID == exp["agent_id"]?.stringValue)
            #expect(got.session.title == exp["title"]?.stringValue)
            #expect(got.session.status == exp["status"]?.stringValue)
            #expect(got.sink.events.map { $0.id ?? "" } == TestSupport.strings(exp["event_ids"]), "session \(id)")
            #expect(got.sink.events.map(\.platformType) == TestSupport.strings(exp["event_types"]), "session \(id)")
            #expect(got.sink.events.map(\.kind.rawValue) == TestSupport.strings(exp["event_kinds"]), "session \(id)")
        }
    }

    @Test func runningSessionIsFlagged() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            #expect(got.session.running == (exp["running"]?.boolValue ?? false), "session \(got.session.id)")
        }
        #expect(sessions.filter(\.session.running).map(\.session.id) == ["sess_01JRUNNING"])
    }

    @Test func unknownEventTypesAreKeptAsJSON() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        var seen = 0
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            let unknownTypes = Set(TestSupport.strings(exp["unknown_event_types"]))
            for event in got.sink.events where unknownTypes.contains(event.platformType) {
                seen += 1
                #expect(event.kind == .unknown)
                guard case .json(let value)? = event.blocks.first else {
                    Issue.record("unknown event \(event.id ?? "") has no JSON block")
                    continue
                }
                // The number literal survives as sent.
                #expect(value["x_revision"] == .number("1.10"))
            }
        }
        #expect(seen == 1)
    }

    @Test func eventUsageCountedOnceAndSessionSumNotAdded() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            var totals = SessionTotals()
            for event in got.sink.events {
                totals.add(event)
                let want = TestSupport.usage(exp["usage"]?[event.id ?? ""])
                #expect(event.usage == want, "\(event.id ?? "")")
                if want != nil {
                    #expect(event.requestID == event.id)
                    #expect(event.model == "claude-sonnet-4-6")
                }
            }
            let perEvent = (exp["usage"]?.objectMembers ?? []).compactMap { $0.value["input_tokens"]?.int64Value }
            #expect(totals.inputTokens == (perEvent.isEmpty ? nil : perEvent.reduce(0, +)), "session \(got.session.id)")
        }
        let refund = try #require(sessions.first { $0.session.id == "sess_01JREFUND" })
        var totals = SessionTotals()
        refund.sink.events.forEach { totals.add($0) }
        #expect(totals.inputTokens == 900)
        #expect(totals.cacheReadTokens == 12000)
        #expect(totals.cacheWriteTokens == 0)
        // The session's summed usage stays in its raw record only.
        #expect(String(decoding: refund.session.raw[0].bytes, as: UTF8.self).contains("18230"))
        // An agent.message without usage: unknown, not zero.
        let unknown = try #require(sessions.first { $0.session.id == "sess_01JUNKNOWN" })
        #expect(unknown.sink.events.allSatisfy { $0.usage == nil })
    }

    @Test func filesAreDownloadedRawAndChecked() async throws {
        let (expected, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        var count = 0
        for (got, exp) in zip(sessions, expected["sessions"]?.arrayValue ?? []) {
            let want = exp["artifacts"]?.arrayValue ?? []
            #expect(got.sink.artifacts.map { $0.artifactID ?? "" } == want.compactMap { $0["file_id"]?.stringValue })
            for (ref, w) in zip(got.sink.artifacts, want) {
                count += 1
                #expect(ref.state == .stored)
                #expect(ref.name == w["filename"]?.stringValue)
                #expect(ref.mediaType == w["mime_type"]?.stringValue)
                #expect(ref.sha256 == w["sha256"]?.stringValue)
                #expect(ref.size == w["size"]?.int64Value)
                let path = try #require(ref.storedPath)
                let (sha, size) = try TestSupport.sha256Hex(ofFile: artifacts + "/" + String(path.dropFirst("artifacts/".count)))
                #expect(sha == w["sha256"]?.stringValue)
                #expect(size == w["size"]?.int64Value)
            }
        }
        #expect(count == 4)
        #expect(TestSupport.files(in: artifacts).count == 4)
    }
}
