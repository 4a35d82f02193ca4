import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation
import Testing

/// The Vectara adapter against `samples/vectara` (SDK-shaped, `vectara` 0.4.3) through the replay
/// transport, compared with the tree's EXPECTED.json.
@Suite struct VectaraSampleTests {
    static func run() async throws -> (JSONValue, [TestSupport.Exported], [ExportProblem], String) {
        let expected = try TestSupport.expected("vectara")
        let root = TestSupport.samplesDirectory("vectara")
        let source = SourceDescriptor(name: "vectara-sample", platform: .vectara, baseURL: "file:" + root, pageSize: Int(expected["page_size"]?.int64Value ?? 3))
        let adapter = VectaraAdapter(source: source, transport: ReplayTransport(root: root), credential: nil)
        let artifacts = try TestSupport.makeTemporaryDirectory()
        let (sessions, problems) = try await TestSupport.exportAll(adapter, artifactsDirectory: artifacts)
        return (expected, sessions, problems, artifacts)
    }

    @Test("Every event is read as what its SDK type is: only types no SDK declares are unknown")
    func eventTypes() async throws {
        let (expected, sessions, problems, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        #expect(problems.isEmpty)
        for s in expected["sessions"]?.arrayValue ?? [] {
            let id = try #require(s["session_key"]?.stringValue)
            let exported = try #require(sessions.first { $0.session.id == id })
            // Expiry warnings (ttl_days) are expected; nothing else.
            #expect(exported.sink.problems.allSatisfy { $0.kind == .warning }, "\(exported.sink.problems)")
            let events = exported.sink.events
            #expect(events.map(\.id) == (s["event_ids"]?.arrayValue ?? []).map(\.stringValue))
            let unknownTypes = Set((s["unknown_event_types"]?.arrayValue ?? []).compactMap(\.stringValue))
            for e in events {
                #expect((e.kind == .unknown) == unknownTypes.contains(e.platformType), "\(e.platformType) read as \(e.kind)")
                // Nothing of an SDK-declared event is left null.
                for block in e.blocks {
                    if case .toolCall(_, _, let input) = block { #expect(input != .null) }
                    if case .toolResult(_, _, let output, let isError) = block { #expect(output != .null); #expect(isError != nil) }
                }
            }
            let hidden = events.filter(\.hidden).compactMap(\.id)
            #expect(hidden == (s["hidden_event_ids"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        let types = Set(sessions.flatMap { $0.sink.events.map(\.platformType) })
        for sdkType in ["input_message", "skill_load", "artifact_upload", "tool_input", "tool_output", "thinking", "agent_output",
                        "structured_output", "context_limit_exceeded", "step_transition_limit_exceeded", "session_interrupted",
                        "image_read", "step_transition", "compaction"] {
            #expect(types.contains(sdkType), "the samples hold no \(sdkType)")
        }
    }

    @Test("Tool results pair with their calls by tool_call_id, a failed one is an error")
    func toolPairing() async throws {
        let (_, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        var calls: [String: String] = [:]
        var results: [(String, Bool?)] = []
        for s in sessions {
            for block in s.sink.events.flatMap(\.blocks) {
                switch block {
                case .toolCall(let id?, let name, _): calls[id] = name
                case .toolResult(let id?, _, _, let isError): results.append((id, isError))
                default: break
                }
            }
        }
        #expect(results.count == calls.count && !calls.isEmpty)
        for (id, _) in results { #expect(calls[id] != nil, "result \(id) answers no call") }
        #expect(results.first { $0.0 == "call_2b91_1" }?.1 == true)
        #expect(results.first { $0.0 == "call_2b91_2" }?.1 == false)
        var totals = SessionTotals()
        for e in try #require(sessions.first { $0.session.id == "ase_2b91" }).sink.events { totals.add(e) }
        #expect(totals.errors == 1)
    }

    @Test("artifact_upload and image_read name stored artifacts")
    func artifactReferences() async throws {
        let (_, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        let s = try #require(sessions.first { $0.session.id == "ase_7f3a" })
        let stored = Set(s.sink.artifacts.filter { $0.state == .stored }.compactMap(\.artifactID))
        #expect(stored == ["art_5d01", "art_5d02", "art_5d03", "art_5d04"])
        let named = s.sink.events.flatMap(\.blocks).compactMap { block -> String? in
            if case .artifact(let ref) = block { return ref.artifactID }
            return nil
        }
        #expect(named == ["art_5d01", "art_5d01", "art_5d02", "art_5d03"])
        #expect(named.allSatisfy(stored.contains))
    }

    @Test("session_context_usage is read as context-window figures, never as billed tokens; absent is unknown")
    func contextUsage() async throws {
        let (_, sessions, _, artifacts) = try await Self.run()
        defer { TestSupport.removeDirectory(artifacts) }
        let research = try #require(sessions.first { $0.session.id == "ase_r1d9" })
        #expect(research.session.contextUsage == ContextWindowUsage(inputTokens: 131_072, outputTokens: 2_048, reasoningTokens: 512, totalTokens: 133_120, modelContextWindow: 128_000))
        let account = try #require(sessions.first { $0.session.id == "ase_c04e" })
        #expect(account.session.contextUsage == nil)
        var totals = SessionTotals()
        for e in research.sink.events { totals.add(e) }
        #expect(totals.inputTokens == nil && totals.outputTokens == nil && !totals.usageKnown)
    }
}
