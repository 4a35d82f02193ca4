import ChronicleTestSupport
import Foundation
import Testing

/// `chronicle verify` on damage that digests alone would not catch: an archive rewritten with
/// its manifests regenerated to match.
@Suite("Verify finds damage", .serialized)
struct VerifyDamageTests {
    func freshBag(_ tmp: TemporaryFolder) async throws -> String {
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3", "--out", tmp.path])
        try #require(status == 0)
        return try #require(try bags(in: tmp.path, source: "vectara").first)
    }

    /// Rewrites manifest lines and the tag manifest so that digests match the damaged file.
    func reseal(_ bag: String, _ relative: String) throws {
        let manifest = bag + "/manifest-sha256.txt"
        var lines = String(decoding: try #require(FileManager.default.contents(atPath: manifest)), as: UTF8.self).split(separator: "\n").map(String.init)
        let digest = try sha256sum(bag + "/" + relative)
        for i in lines.indices where lines[i].hasSuffix("  " + relative) { lines[i] = digest + "  " + relative }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: manifest))
        // Payload-Oxum changes with the size.
        let info = bag + "/bag-info.txt"
        var infoLines = String(decoding: try #require(FileManager.default.contents(atPath: info)), as: UTF8.self).split(separator: "\n").map(String.init)
        let payload = files(under: bag + "/data")
        let bytes = try payload.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: bag + "/data/" + $1)[.size] as? Int) ?? 0) }
        for i in infoLines.indices where infoLines[i].hasPrefix("Payload-Oxum:") { infoLines[i] = "Payload-Oxum: \(bytes).\(payload.count)" }
        try Data((infoLines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: info))
        var tags: [String] = []
        for tag in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] { tags.append(try sha256sum(bag + "/" + tag) + "  " + tag) }
        try Data((tags.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: bag + "/tagmanifest-sha256.txt"))
    }

    func archive(_ bag: String) throws -> String {
        "data/archive/" + (try #require(files(under: bag + "/data/archive").first))
    }

    @Test(arguments: ["trailing-bytes", "trailing-zeros", "truncated", "second-member", "not-json"])
    func strictGzipAndJSONChecks(damage: String) async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await freshBag(tmp)
        let relative = try archive(bag)
        let path = bag + "/" + relative
        var bytes = try #require(FileManager.default.contents(atPath: path))
        switch damage {
        case "trailing-bytes": bytes.append(contentsOf: Array("junk".utf8))
        case "trailing-zeros": bytes.append(contentsOf: [0, 0, 0, 0])
        case "truncated": bytes = bytes.prefix(bytes.count - 9)
        case "second-member": bytes.append(bytes)
        default:
            // A valid gzip of something that is not a Chronicle archive.
            let plain = tmp.path + "/plain.txt"
            try Data("{\"format\": \"chronicle-archive\", \"items\": [1,".utf8).write(to: URL(fileURLWithPath: plain))
            try run("gzip", ["-n", "-f", plain])
            bytes = try #require(FileManager.default.contents(atPath: plain + ".gz"))
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        try reseal(bag, relative)
        // The digests match again, so only Chronicle's own checks can see the damage.
        try ensurePythonBagit()
        #expect(try run("python3", ["-m", "bagit", "--validate", bag]).status == 0)
        #expect(try verify([bag]) == 65)
    }

    @Test func sameSizeEditExtraAndMissingFiles() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await freshBag(tmp)
        #expect(try verify([bag]) == 0)
        // Same-size edit of run.json.
        let runPath = bag + "/data/run.json"
        var run = try #require(FileManager.default.contents(atPath: runPath))
        let i = try #require(run.firstIndex(of: UInt8(ascii: "4")))
        run[i] = UInt8(ascii: "5")
        try run.write(to: URL(fileURLWithPath: runPath))
        #expect(try verify([bag]) == 65)
        run[i] = UInt8(ascii: "4")
        try run.write(to: URL(fileURLWithPath: runPath))
        #expect(try verify([bag]) == 0)
        // An extra file in data/ and at the top.
        try Data("x".utf8).write(to: URL(fileURLWithPath: bag + "/data/extra.txt"))
        #expect(try verify([bag]) == 65)
        try FileManager.default.removeItem(atPath: bag + "/data/extra.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: bag + "/README"))
        #expect(try verify([bag]) == 65)
        try FileManager.default.removeItem(atPath: bag + "/README")
        #expect(try verify([bag]) == 0)
        // A deleted payload file.
        try FileManager.default.removeItem(atPath: bag + "/data/index.html")
        #expect(try verify([bag]) == 65)
        // A path that does not exist is a bad command line, not damage (nothing was verified).
        #expect(try verify([tmp.path + "/no-such-bag"]) == 64)
    }
}
