import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// A declared size Chronicle cannot represent (2^63 + 15) was read as "no size declared", and
/// the artifact passed as valid. Now it cannot be checked, so it is invalid and the run partial.
@Suite("Declared artifact sizes out of range", .serialized)
struct ArtifactSizeOverflowTests {
    @Test func aSizeOverInt64IsNoPass() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let data = Data("hello artifact".utf8).base64EncodedString()
        let huge = "9223372036854775823"
        let meta = #"{"artifact_id": "art_big", "filename": "f.txt", "mime_type": "text/plain", "size_bytes": \#(huge), "checksum_sha256": null}"#
        let full = #"{"artifact_id": "art_big", "filename": "f.txt", "mime_type": "text/plain", "size_bytes": \#(huge), "data": "\#(data)"}"#
        let tree = tmp.path + "/tree"
        try ReplayTreeBuilder(root: tree).build(sessions: ["s1"], artifacts: ["s1": [(meta: meta, full: full, status: nil)]])
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + tree, "--out", tmp.path + "/out"])
        #expect(status == 3)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").first)
        let runJSON = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: bag + "/data/run.json"))))
        let problem = (runJSON["problems"]?.arrayValue ?? []).first { $0["item"]?.stringValue == "artifact art_big" }
        #expect(problem?["message"]?.stringValue?.contains("size_bytes") == true, "\(String(describing: problem))")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: bag + "/data/artifacts")) ?? [] == [])
    }
}
