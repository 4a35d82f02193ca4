import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ChronicleBag

@Suite struct BagBuilderTests {
    @Test func builtBagValidatesWithPythonBagitAndOurVerifier() throws {
        let root = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/claude" // created by the builder
        let builder = try BagBuilder(sourceDirectory: source, runID: "20261122T020000Z", softwareAgent: "Chronicle 1.0")
        #expect(builder.temporaryPath.hasPrefix(source + "/.incomplete-20261122T020000Z-"))
        #expect(builder.dataDirectory == builder.temporaryPath + "/data")
        let files: [(String, [UInt8])] = [
            ("run.json", Array(#"{"ok":true}"#.utf8)),
            ("sessions/r\u{E9}sum\u{E9}-0123456789abcdef/transcript.html", Array("<p>日本語</p>".utf8)),
            ("sessions/deep/er/still/file name with spaces.txt", Array("x".utf8)),
            ("artifacts/日本語.bin", [0, 1, 2, 255]),
            ("empty.txt", []),
        ]
        for (path, bytes) in files { try TestSupport.write(bytes, to: builder.dataDirectory + "/" + path) }
        // A registered digest is trusted (not re-read): register the real one.
        let registeredPath = builder.dataDirectory + "/run.json"
        let digest = try FileDigest.sha256(path: registeredPath)
        builder.recordDigest(relativePath: "run.json", sha256: digest.hex, size: digest.size)

        let bag = try builder.finalize(info: BagChain.infoPairs(previous: nil) + [("Note", "line1\nline2\rend")],
                                       baggingDate: Date(timeIntervalSince1970: 1_795_312_800))
        #expect(bag.path == source + "/20261122T020000Z")
        #expect(bag.runID == "20261122T020000Z")
        #expect(bag.payloadFiles == files.count)
        #expect(bag.payloadBytes == Int64(files.reduce(0) { $0 + $1.1.count }))
        #expect(!FileManager.default.fileExists(atPath: builder.temporaryPath))
        #expect(bag.tagManifestSHA256 == (try FileDigest.sha256(path: bag.path + "/tagmanifest-sha256.txt")).hex)

        #expect(try TestSupport.read(bag.path + "/bagit.txt") == Array("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8))
        let info = String(decoding: try TestSupport.read(bag.path + "/bag-info.txt"), as: UTF8.self)
        #expect(info == "Bagging-Date: 2026-11-22\nPayload-Oxum: \(bag.payloadBytes).\(bag.payloadFiles)\n"
            + "Bag-Software-Agent: Chronicle 1.0\nChronicle-Previous-Run: none\n"
            + "Chronicle-Previous-Tagmanifest-SHA256: none\nNote: line1 line2 end\n")
        let manifest = String(decoding: try TestSupport.read(bag.path + "/manifest-sha256.txt"), as: UTF8.self)
        let paths = manifest.split(separator: "\n").map { String($0.dropFirst(66)) }
        #expect(paths.count == files.count)
        #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(manifest.contains("\(digest.hex)  data/run.json\n"))
        let tags = String(decoding: try TestSupport.read(bag.path + "/tagmanifest-sha256.txt"), as: UTF8.self)
        #expect(tags.split(separator: "\n").map { String($0.dropFirst(66)) } == ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"])

        #expect(try TestSupport.ensurePythonBagit(), "python bagit must be installable")
        let result = try TestSupport.run(TestSupport.env, ["python3", "-m", "bagit", "--validate", bag.path])
        #expect(result.status == 0, "\(result.output)")

        let report = BagVerifier().verify(bagAt: bag.path)
        #expect(report.isSound, "\(report.damages)")
    }

    @Test func existingNameGetsSuffixAndNothingIsReplaced() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let runID = "20261122T020000Z"
        try TestSupport.write(Array("keep me".utf8), to: source + "/\(runID)/marker")
        try FileManager.default.createDirectory(atPath: source + "/\(runID)-01", withIntermediateDirectories: false)
        func build() throws -> FinishedBag {
            let builder = try BagBuilder(sourceDirectory: source, runID: runID, softwareAgent: "t")
            try TestSupport.write([1, 2, 3], to: builder.dataDirectory + "/a.bin")
            return try builder.finalize(info: [])
        }
        let bag = try build()
        #expect(bag.runID == "\(runID)-02")
        #expect(bag.path == source + "/\(runID)-02")
        #expect(try TestSupport.read(source + "/\(runID)/marker") == Array("keep me".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: source + "/\(runID)-01").isEmpty)
        let second = try build()
        #expect(second.runID == "\(runID)-03")
        #expect(BagVerifier().verify(bagAt: second.path).isSound)
    }

    @Test func cleanUpIncompleteRemovesOnlyIncompleteFolders() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let killed = try BagBuilder(sourceDirectory: source, runID: "20261122T020000Z", softwareAgent: "t")
        try TestSupport.write([1, 2, 3], to: killed.dataDirectory + "/partial.bin")
        let bag = try TestSupport.buildBag(in: source, runID: "20261122T030000Z")
        try TestSupport.write([1], to: source + "/incomplete-not-ours.txt")
        try TestSupport.write([1], to: source + "/.other-hidden")
        let removed = try BagBuilder.cleanUpIncomplete(in: source)
        #expect(removed == [(killed.temporaryPath as NSString).lastPathComponent])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: source))
        #expect(left == ["20261122T030000Z", "incomplete-not-ours.txt", ".other-hidden"])
        #expect(BagVerifier().verify(bagAt: bag.path).isSound)
        #expect(try BagBuilder.cleanUpIncomplete(in: source + "/missing").isEmpty)
    }

    @Test func discardRemovesTemporaryFolder() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let builder = try BagBuilder(sourceDirectory: source, runID: "20261122T020000Z", softwareAgent: "t")
        try TestSupport.write([1], to: builder.dataDirectory + "/a")
        builder.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: source).isEmpty)
        #expect(throws: BagError.self) { try builder.finalize(info: []) }
    }

    @Test func finalizeRejectsBadPayloadAndPublishesNothing() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let cases: [(String, (BagBuilder) throws -> Void)] = [
            ("symlink", { b in
                try TestSupport.write([1], to: b.dataDirectory + "/real")
                try FileManager.default.createSymbolicLink(atPath: b.dataDirectory + "/link", withDestinationPath: "real")
            }),
            ("fifo", { b in _ = mkfifo(b.dataDirectory + "/pipe", 0o600) }),
            ("percent", { b in try TestSupport.write([1], to: b.dataDirectory + "/100%.txt") }),
            ("newline", { b in try TestSupport.write([1], to: b.dataDirectory + "/a\nb.txt") }),
            ("carriage return", { b in try TestSupport.write([1], to: b.dataDirectory + "/a\rb.txt") }),
            ("wrong registered size", { b in
                try TestSupport.write([1, 2], to: b.dataDirectory + "/a")
                b.recordDigest(relativePath: "a", sha256: String(repeating: "0", count: 64), size: 3)
            }),
            ("registered but missing", { b in
                b.recordDigest(relativePath: "ghost", sha256: String(repeating: "0", count: 64), size: 0)
            }),
        ]
        for (name, setUp) in cases {
            let builder = try BagBuilder(sourceDirectory: source, runID: "20261122T020000Z", softwareAgent: "t")
            try setUp(builder)
            #expect(throws: BagError.self, "\(name)") { try builder.finalize(info: []) }
            builder.discard()
        }
        let builder = try BagBuilder(sourceDirectory: source, runID: "20261122T020000Z", softwareAgent: "t")
        #expect(throws: BagError.self) { try builder.finalize(info: [("Bad: label", "x")]) }
        #expect(throws: BagError.self) { try builder.finalize(info: [("Payload-Oxum", "1.1")]) }
        builder.discard()
        #expect(throws: BagError.self) { try BagBuilder(sourceDirectory: source, runID: "../evil", softwareAgent: "t") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: source).isEmpty)
    }

    @Test func errorsSayWhatWhereAndWhatNext() {
        let error = BagError(what: "disk full while writing", path: "/x/manifest-sha256.txt",
                             remedy: "free space and run again; no bag was published")
        #expect(error.description == "disk full while writing /x/manifest-sha256.txt: free space and run again; no bag was published")
    }
}
