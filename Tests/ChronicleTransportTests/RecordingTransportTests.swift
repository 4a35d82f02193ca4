import ChronicleTestSupport
import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct RecordingTransportTests {
    static let secret = TransportFixture.secretValue

    /// Every file under `root`, relative paths, sorted.
    func files(under root: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
        }
        return out.sorted()
    }

    func assertNoSecret(under root: String) {
        for name in files(under: root) {
            let bytes = FileManager.default.contents(atPath: root + "/" + name) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(Self.secret), "\(name) holds the credential")
            #expect(!text.contains(URLEncoding.encode(Self.secret)), "\(name) holds the encoded credential")
        }
    }

    @Test func recordedConversationReplaysIdenticallyAndHoldsNoCredential() async throws {
        let record = try TransportFixture.temporaryDirectory("record")
        defer { try? FileManager.default.removeItem(atPath: record) }
        var rng = SplitMix64(seed: 11)
        let binary = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let big = Array(("{\"events\":[" + (0..<40_000).map { "{\"id\":\($0)}" }.joined(separator: ",") + "],\"echo\":\"\(Self.secret)\"}").utf8)
        let server = try await LoopbackServer.start { arrival in
            switch arrival.uri {
            case "/v2/agents?limit=2":
                return .init(headers: [("content-type", "application/json; charset=utf-8"), ("set-cookie", "session=\(Self.secret)")],
                             text: "{\"agents\":[{\"key\":\"agt/1\"}],\"metadata\":{\"page_key\":null}}")
            case "/v2/agents/agt%2F1/sessions": return .init(body: big)
            case "/v2/agents/agt%2F1/sessions/missing": return .init(status: 404, text: "{\"messages\":[\"no session; key \(URLEncoding.encode(Self.secret))\"]}")
            case "/v2/files/blob": return .init(headers: [("content-type", "application/octet-stream")], body: binary)
            default: return .init(status: 500, text: "{}")
            }
        }
        let requests = [
            TransportFixture.request(["agents"], query: [.init("limit", "2")]),
            TransportFixture.request(["agents", "agt/1", "sessions"]),
            TransportFixture.request(["agents", "agt/1", "sessions", "missing"]),
            TransportFixture.request(["files", "blob"]),
        ]
        var live: [(Int, [UInt8])] = []
        try await TransportFixture.withTransport(server) { http in
            let recorder = try RecordingTransport(wrapping: http, root: record, platform: "vectara", sourceName: "rec", pageSize: 2)
            for (i, r) in requests.enumerated() {
                let response = try await recorder.send(r)
                if i == 2 {
                    // An error body read only in part is still recorded whole.
                    live.append((response.status, await response.body.prefix(bytes: 5)))
                } else {
                    live.append((response.status, try await response.body.collect(upTo: 1 << 22)))
                }
            }
            try recorder.writeReplayDescription()
        }
        #expect(live.map(\.0) == [200, 200, 404, 200])
        // The caller got what the platform sent (recording never changes what is parsed); the
        // recording holds it scrubbed.
        #expect(String(decoding: live[1].1, as: UTF8.self).contains(Self.secret))
        #expect(live[3].1 == binary)

        let replay = ReplayTransport(root: record)
        for (i, r) in requests.enumerated() {
            let response = try await replay.send(r)
            #expect(response.status == live[i].0)
            let body = try await response.body.collect(upTo: 1 << 22)
            if i == 2 {
                #expect(Array(body.prefix(5)) == live[i].1)
                #expect(String(decoding: body, as: UTF8.self).contains("<redacted>"))
            } else if i == 1 {
                let recorded = String(decoding: body, as: UTF8.self)
                #expect(!recorded.contains(Self.secret))
                #expect(recorded == String(decoding: live[i].1, as: UTF8.self).replacingOccurrences(of: Self.secret, with: "<redacted>"))
            } else {
                #expect(body == live[i].1, "request \(i)")
            }
        }
        #expect(try await replay.send(requests[3]).header("content-type") == "application/octet-stream")
        #expect(try await replay.send(requests[0]).header("content-type") == "application/json")
        let names = files(under: record)
        #expect(names == [
            "agents/GET@limit=2.json", "agents/agt%2F1/sessions/GET.json", "agents/agt%2F1/sessions/missing/GET.json",
            "agents/agt%2F1/sessions/missing/GET.json.meta", "files/blob/GET.json", "files/blob/GET.json.meta", "replay.json",
        ])
        assertNoSecret(under: record)
        let replayJSON = String(decoding: FileManager.default.contents(atPath: record + "/replay.json") ?? Data(), as: UTF8.self)
        #expect(replayJSON == "{\"platform\": \"vectara\", \"source\": \"rec\", \"page_size\": 2}\n")
    }

    @Test func streamingScrubberFindsTheSecretAcrossChunkBoundaries() {
        let secret = Array(Self.secret.utf8)
        let text = Array("a\(Self.secret)b\(URLEncoding.encode(Self.secret))c\(Self.secret)".utf8)
        for split in 1..<40 {
            var scrubber = StreamingScrubber(patterns: [secret, Array(URLEncoding.encode(Self.secret).utf8)])
            var out: [UInt8] = []
            var i = 0
            while i < text.count {
                out += scrubber.feed(Array(text[i..<min(text.count, i + split)]))
                i += split
            }
            out += scrubber.finish()
            #expect(String(decoding: out, as: UTF8.self) == "a<redacted>b<redacted>c<redacted>", "chunks of \(split)")
        }
    }
}
