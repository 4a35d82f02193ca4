import ChronicleTestSupport
import Foundation
import Testing

/// Archives and artifacts are hashed while they are written and their digests registered with
/// the bag (finalize does not read them again): the manifest must still hold their true SHA-256.
@Suite("Digests registered while writing", .serialized)
struct RegisteredDigestTests {
    @Test func manifestMatchesSha256sumForArchivesAndArtifacts() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3", "--out", tmp.path])
        #expect(status == 0)
        let bag = try #require(try bags(in: tmp.path, source: "vectara").first)
        let manifest = String(decoding: try #require(FileManager.default.contents(atPath: bag + "/manifest-sha256.txt")), as: UTF8.self)
        var checked = 0
        for line in manifest.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            try #require(parts.count == 2)
            let path = parts[1].trimmingCharacters(in: .whitespaces)
            guard path.hasPrefix("data/archive/") || path.hasPrefix("data/artifacts/") else { continue }
            #expect(try sha256sum(bag + "/" + path) == parts[0], "\(path)")
            checked += 1
        }
        #expect(checked >= 4)
        #expect(try verify([bag]) == 0)
    }
}
