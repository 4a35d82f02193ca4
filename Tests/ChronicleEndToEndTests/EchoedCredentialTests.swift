import ChronicleGzip
import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// A platform that sends the source's credential back inside an event, escaped (`\u002B`, `\/`,
/// `&#47;`, Markdown `\/`): it reached transcript.html and the archive's normalised events once
/// decoded. Now replaced in every output; the raw record keeps everything else and is marked.
@Suite("Credential echoed inside content", .serialized)
struct EchoedCredentialTests {
    static let token = "zqt_Secret+Token/1234"

    @Test func theCredentialIsInNoOutputInAnyForm() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = tmp.path + "/tree"
        let builder = ReplayTreeBuilder(root: tree)
        try builder.build(sessions: ["s1"])
        let content = #"key zqt_Secret\u002BToken\/1234, html zqt_Secret+Token&#47;1234, markdown zqt_Secret+Token\\/1234, plain zqt_Secret+Token/1234."#
        let event = #"{"id": "aev_1", "type": "agent_output", "session_key": "s1", "created_at": "2026-11-20T10:01:00Z", "content": "\#(content)"}"#
        try builder.write(["agents", builder.agent, "sessions", "s1", "events"], query: [("include_hidden", "true"), ("limit", "100")], body: "{\"events\": [\(event)], \"metadata\": {}}")
        let status = try await export(
            ["--platform", "vectara", "--base-url", "file:" + tree, "--token-env", "ECHO_TEST_TOKEN", "--out", tmp.path + "/out"],
            environment: ["ECHO_TEST_TOKEN": Self.token]
        )
        #expect(status == 0)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").first)
        let needles = [Self.token, "zqt_Secret\\u002BToken", "Token&#47;1234", "Token\\\\/1234", "Token\\/1234"]
        var checked = 0
        for name in try FileManager.default.subpathsOfDirectory(atPath: bag) {
            let path = bag + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let data = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let text = String(decoding: name.hasSuffix(".gz") ? try Gzip.decompress(data) : data, as: UTF8.self)
            for needle in needles { #expect(!text.contains(needle), "\(needle) in \(name)") }
            checked += 1
        }
        #expect(checked > 5)
        let archive = try #require(try FileManager.default.contentsOfDirectory(atPath: bag + "/data/archive").first)
        let (doc, _) = try readArchive(bag + "/data/archive/" + archive)
        let item = try #require(doc["items"]?.arrayValue?.first { $0["record"]?["kind"]?.stringValue == "event" })
        #expect(item["record"]?["elided_secrets"]?.int64Value == 4)
        #expect(item["record"]?["raw"]?["content"]?.stringValue?.hasPrefix("key [REDACTED:credential], html [REDACTED:credential]") == true)
        let transcript = try String(contentsOfFile: bag + "/data/" + (try #require(try FileManager.default.subpathsOfDirectory(atPath: bag + "/data").first { $0.hasSuffix("transcript.html") })), encoding: .utf8)
        #expect(transcript.contains("plain [REDACTED:credential]."))
        #expect(try verify([bag]) == 0)
    }
}
