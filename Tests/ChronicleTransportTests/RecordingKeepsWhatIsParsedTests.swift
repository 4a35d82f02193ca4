import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

/// Recording never changes what is parsed: the scrubber rewrote bodies before the adapter read
/// them (with an AgentScope identity `user`, every `"role":"user"` became `<redacted>` and the run
/// reported 0 user messages). The recording is scrubbed; the caller reads what was sent.
@Suite struct RecordingKeepsWhatIsParsedTests {
    struct Fixed: Transport {
        let body: [UInt8]
        func send(_ request: TransportRequest) async throws -> TransportResponse {
            TransportResponse(status: 200, headers: [HeaderField("content-type", "application/json")], body: .bytes(body))
        }
        func shutdown() async {}
    }

    func roundTrip(_ body: String, credential: Credential) async throws -> (parsed: String, recorded: String) {
        let root = try TransportFixture.temporaryDirectory("rec-parse")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let recording = try RecordingTransport(wrapping: Fixed(body: Array(body.utf8)), root: root, platform: "vectara", sourceName: "s", pageSize: 3)
        let request = TransportRequest(path: ["sessions"], headers: [], credential: credential)
        let response = try await recording.send(request)
        let parsed = String(decoding: try await response.body.collect(upTo: 1 << 20), as: UTF8.self)
        let recorded = try String(contentsOfFile: root + "/" + ReplayLayout.relativePath(for: request), encoding: .utf8)
        return (parsed, recorded)
    }

    @Test func theCallerReadsTheOriginalAndTheRecordingIsScrubbed() async throws {
        let body = #"{"messages":[{"role":"user","text":"my key is zk_live_4242424242"}]}"#
        let (parsed, recorded) = try await roundTrip(body, credential: Credential(style: .apiKey, secret: Secret("zk_live_4242424242")))
        #expect(parsed == body)
        #expect(recorded == #"{"messages":[{"role":"user","text":"my key is <redacted>"}]}"#)
    }

    @Test func anIdentityRewritesNoBody() async throws {
        let body = #"{"messages":[{"role":"user","name":"user"}]}"#
        let (parsed, recorded) = try await roundTrip(body, credential: Credential(style: .userID, secret: Secret("user")))
        #expect(parsed == body)
        #expect(recorded == body)
    }
}
