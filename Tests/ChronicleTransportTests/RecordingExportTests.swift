import ChronicleCommands
import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

/// `chronicle export --record` over real HTTP, then the recording replayed with `file:`.
@Suite struct RecordingExportTests {
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

    @Test func exportRecordedOverHTTPReplaysToTheSameExport() async throws {
        let sample = ReplayTreeScript.repositoryRoot + "/samples/vectara"
        let server = try await LoopbackServer.start(
            maxRequests: 500, script: ReplayTreeScript.make(root: sample, prefix: "/v2", credential: ("x-api-key", Self.secret))
        )
        let work = try TransportFixture.temporaryDirectory("e2e")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let environment = ["VECTARA_KEY": Self.secret]
        let live = try ExportCommand.parse([
            "--platform", "vectara", "--base-url", server.baseURL + "/v2", "--token-env", "VECTARA_KEY",
            "--out", work + "/live", "--record", work + "/rec", "--page-size", "3", "--concurrency", "2",
        ])
        let liveStatus = await live.execute(environment: environment)
        await server.stop()
        let replayed = try ExportCommand.parse([
            "--platform", "vectara", "--base-url", "file:" + work + "/rec", "--out", work + "/replay", "--page-size", "3",
        ])
        let replayStatus = await replayed.execute(environment: [:])
        #expect(liveStatus == replayStatus)
        #expect(server.requestCount > 10)

        // The recorded tree holds exactly the sample's files for the requests made, byte for byte.
        for name in files(under: work + "/rec") where name != "replay.json" {
            let recorded = FileManager.default.contents(atPath: work + "/rec/" + name)
            let original = FileManager.default.contents(atPath: sample + "/" + name)
            #expect(recorded != nil && recorded == original, "\(name)")
        }
        assertNoSecret(under: work + "/rec")

        // Same archives, same artifacts.
        let liveBags = files(under: work + "/live/vectara").filter { $0.contains("/data/archive/") || $0.contains("/data/artifacts/") }
        let replayBags = files(under: work + "/replay/vectara").filter { $0.contains("/data/archive/") || $0.contains("/data/artifacts/") }
        let strip: (String) -> String = { String($0.drop { $0 != "/" }) }
        #expect(!liveBags.isEmpty)
        #expect(liveBags.map(strip) == replayBags.map(strip))
        for (a, b) in zip(liveBags, replayBags) {
            let x = FileManager.default.contents(atPath: work + "/live/vectara/" + a)
            let y = FileManager.default.contents(atPath: work + "/replay/vectara/" + b)
            #expect(x == y, "\(a)")
        }
    }
}
