import ChronicleBag
import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// Exports replay trees made to attack the exporter: hostile session ids, broken artifacts.
@Suite("Hostile input", .serialized)
struct HostileExportTests {
    static let hostileIDs = [
        "../../escape", "..", ".", "a:b", "a/b", "a\\b", "CON", "nul.txt", "COM1", "100%", "line\nbreak", "cr\rhere",
        String(repeating: "x", count: 300), "Abc", "abc", "caf\u{E9}", "cafe\u{301}", "-dash", " space", "",
    ]

    @Test func hostileSessionIDsGetDistinctSafeFolders() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = tmp.path + "/tree"
        try ReplayTreeBuilder(root: tree).build(sessions: Self.hostileIDs)
        let out = tmp.path + "/out"
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + tree, "--out", out])
        #expect(status == 0)
        let bag = try #require(try bags(in: out, source: "vectara").first)
        let sessionDirs = try FileManager.default.contentsOfDirectory(atPath: bag + "/data/sessions")
        #expect(sessionDirs.count == Self.hostileIDs.count)
        #expect(Set(sessionDirs.map { $0.lowercased() }).count == Self.hostileIDs.count)
        for name in sessionDirs {
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }, "unsafe name \(name)")
            #expect(!name.hasPrefix(".") && !name.hasPrefix("-"))
        }
        // Nothing was written outside the output folder.
        let outside = try FileManager.default.contentsOfDirectory(atPath: tmp.path).sorted()
        #expect(outside == ["out", "tree"])
        #expect(try verify([bag]) == 0)
        try ensurePythonBagit()
        let bagit = try run("python3", ["-m", "bagit", "--validate", bag])
        #expect(bagit.status == 0, "bagit: \(bagit.output)")
    }

    @Test func badArtifactsAreKeptOutAndTheRunIsPartial() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let good = Array("hello artifact".utf8)
        let goodB64 = Data(good).base64EncodedString()
        let goodSHA = try { () throws -> String in
            let f = tmp.path + "/good.bin"
            try Data(good).write(to: URL(fileURLWithPath: f))
            return try sha256sum(f)
        }()
        func meta(_ id: String, size: Int, sha: String, name: String = "f.txt") -> String {
            #"{"artifact_id": "\#(id)", "filename": \#(ReplayTreeBuilder.json(name)), "mime_type": "text/plain", "size_bytes": \#(size), "checksum_sha256": "\#(sha)"}"#
        }
        func full(_ id: String, size: Int, sha: String, data: String, name: String = "f.txt") -> String {
            #"{"artifact_id": "\#(id)", "filename": \#(ReplayTreeBuilder.json(name)), "mime_type": "text/plain", "size_bytes": \#(size), "checksum_sha256": "\#(sha)", "data": "\#(data)"}"#
        }
        let arts: [(meta: String, full: String?, status: Int?)] = [
            (meta("art_ok", size: good.count, sha: goodSHA, name: "../../../etc/passwd"), full("art_ok", size: good.count, sha: goodSHA, data: goodB64, name: "../../../etc/passwd"), nil),
            (meta("art_b64", size: good.count, sha: goodSHA), full("art_b64", size: good.count, sha: goodSHA, data: "aGVsbG8-YXJ0aWZhY3Q="), nil),
            (meta("art_sum", size: good.count, sha: String(repeating: "0", count: 64)), full("art_sum", size: good.count, sha: String(repeating: "0", count: 64), data: goodB64), nil),
            (meta("art_size", size: 3, sha: goodSHA), full("art_size", size: 3, sha: goodSHA, data: goodB64), nil),
            (meta("art_gone", size: 1, sha: goodSHA), nil, 404),
        ]
        let tree = tmp.path + "/tree"
        try ReplayTreeBuilder(root: tree).build(sessions: ["s1"], artifacts: ["s1": arts])
        let out = tmp.path + "/out"
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + tree, "--out", out])
        #expect(status == 3)
        let bag = try #require(try bags(in: out, source: "vectara").first)
        #expect(files(under: bag + "/data/artifacts") == ["\(goodSHA).txt"])
        let runJSON = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: bag + "/data/run.json"))))
        #expect(runJSON["status"]?.stringValue == "partial")
        let missing = (runJSON["missing"]?.arrayValue ?? []).compactMap { $0["item"]?.stringValue }
        #expect(missing == ["artifact art_gone"])
        let problems = (runJSON["problems"]?.arrayValue ?? []).compactMap { $0["item"]?.stringValue }.sorted()
        #expect(problems == ["artifact art_b64", "artifact art_size", "artifact art_sum"])
        let b64 = (runJSON["problems"]?.arrayValue ?? []).first { $0["item"]?.stringValue == "artifact art_b64" }
        #expect(b64?["message"]?.stringValue?.contains("offset 7") == true, "the base64 error names the offset: \(b64?["message"]?.stringValue ?? "none")")
        // A partial bag is still a sound bag.
        #expect(try verify([bag]) == 0)
    }
}
