import Foundation
import Testing
@testable import ChronicleBag

@Suite struct BagVerifierTests {
    /// A fresh sound sample bag; the caller removes `source`.
    private func sampleBag() throws -> (source: String, bag: FinishedBag) {
        let source = try TestSupport.makeTempDirectory()
        let bag = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        #expect(BagVerifier().verify(bagAt: bag.path).isSound)
        return (source, bag)
    }

    private func expectDamage(_ report: BagVerificationReport, file: String, containing text: String = "",
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!report.isSound, sourceLocation: sourceLocation)
        let match = report.damages.contains { $0.file == file && $0.problem.contains(text) }
        #expect(match, "expected damage on \(file) containing '\(text)', got \(report.damages)", sourceLocation: sourceLocation)
    }

    @Test func flippedByte() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let path = bag.path + "/data/sessions/abc-0123456789abcdef/transcript.html"
        var bytes = try TestSupport.read(path)
        bytes[5] ^= 0x01
        try TestSupport.write(bytes, to: path)
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "data/sessions/abc-0123456789abcdef/transcript.html", containing: "SHA-256")
        #expect(TestSupport.damagedFiles(report) == ["data/sessions/abc-0123456789abcdef/transcript.html"])
    }

    @Test func sameSizeEdit() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let path = bag.path + "/data/run.json"
        let original = try TestSupport.read(path)
        let edited = Array(#"{"run":"forged"}"#.utf8)
        #expect(edited.count == original.count)
        try TestSupport.write(edited, to: path)
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "data/run.json", containing: "content changed")
        #expect(!report.damages.contains { $0.file == "bag-info.txt" }, "Oxum still matches")
    }

    @Test func extraFileInData() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.write([1], to: bag.path + "/data/sessions/smuggled.txt")
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "data/sessions/smuggled.txt", containing: "extra file")
        expectDamage(report, file: "bag-info.txt", containing: "Payload-Oxum")
    }

    @Test func extraFileAtTopLevel() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.write([1], to: bag.path + "/notes.txt")
        try FileManager.default.createDirectory(atPath: bag.path + "/extra-dir", withIntermediateDirectories: false)
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "notes.txt", containing: "top level")
        expectDamage(report, file: "extra-dir", containing: "top level")
        #expect(TestSupport.damagedFiles(report) == ["notes.txt", "extra-dir"])
    }

    @Test func deletedPayloadFile() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.removeItem(atPath: bag.path + "/data/empty.txt")
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "data/empty.txt", containing: "missing")
        expectDamage(report, file: "bag-info.txt", containing: "Payload-Oxum")
    }

    @Test func deletedTagFiles() throws {
        for tagFile in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"] {
            let (source, bag) = try sampleBag()
            defer { try? FileManager.default.removeItem(atPath: source) }
            try FileManager.default.removeItem(atPath: bag.path + "/" + tagFile)
            expectDamage(BagVerifier().verify(bagAt: bag.path), file: tagFile, containing: "missing")
        }
    }

    @Test func editedBagInfoBreaksTagManifest() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.append("Contact-Name: Mallory\n", to: bag.path + "/bag-info.txt")
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "bag-info.txt", containing: "tagmanifest-sha256.txt says")
        #expect(TestSupport.damagedFiles(report) == ["bag-info.txt"])
    }

    @Test func editedBagitTxt() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.write(Array("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n".utf8), to: bag.path + "/bagit.txt")
        expectDamage(BagVerifier().verify(bagAt: bag.path), file: "bagit.txt", containing: "exactly")
    }

    @Test func manifestLineForMissingFile() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.append(String(repeating: "a", count: 64) + "  data/ghost.txt\n", to: bag.path + "/manifest-sha256.txt")
        let report = BagVerifier().verify(bagAt: bag.path)
        expectDamage(report, file: "data/ghost.txt", containing: "missing")
        expectDamage(report, file: "manifest-sha256.txt", containing: "tagmanifest")
    }

    @Test func malformedManifestLines() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let hex = String(repeating: "b", count: 64)
        let lines = [
            "\(hex)  data/../../etc/passwd", "\(hex)  /etc/passwd", "\(hex)  data\\run.json",
            "\(hex.uppercased())  data/run.json", "nothex  data/x", "\(hex)  data/run.json", "\(hex)  bagit.txt",
        ]
        try TestSupport.append(lines.joined(separator: "\n") + "\n", to: bag.path + "/manifest-sha256.txt")
        let report = BagVerifier().verify(bagAt: bag.path)
        let problems = report.damages.filter { $0.file == "manifest-sha256.txt" }.map(\.problem)
        #expect(problems.contains { $0.contains("'..'") })
        #expect(problems.contains { $0.contains("absolute") })
        #expect(problems.contains { $0.contains("backslash") })
        #expect(problems.contains { $0.contains("lowercase hex") })
        #expect(problems.contains { $0.contains("more than once") })
        #expect(problems.contains { $0.contains("not under data/") })
    }

    @Test func symlinkInPayloadIsDamage() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.createSymbolicLink(atPath: bag.path + "/data/link", withDestinationPath: "/etc/passwd")
        expectDamage(BagVerifier().verify(bagAt: bag.path), file: "data/link", containing: "symbolic link")
    }

    @Test func missingBagFolder() throws {
        let report = BagVerifier().verify(bagAt: "/nonexistent/chronicle/20261122T020000Z")
        expectDamage(report, file: ".", containing: "does not exist")
    }

    @Test func inspectorsRunOnMatchingSuffixesAndReportProblems() throws {
        let (source, bag) = try sampleBag()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let recorder = RecordingInspector()
        let verifier = BagVerifier(inspectors: [
            (suffix: ".json.gz", inspector: recorder),
            (suffix: ".csv", inspector: FailingInspector()),
        ])
        let report = verifier.verify(bagAt: bag.path)
        #expect(recorder.seen() == ["data/archive/abc-0123456789abcdef.json.gz"])
        expectDamage(report, file: "data/archive/abc-0123456789abcdef.json.gz", containing: "not valid gzip+JSON")
        expectDamage(report, file: "data/usage/tokens.csv", containing: "inspection failed")
        #expect(TestSupport.damagedFiles(report) == ["data/archive/abc-0123456789abcdef.json.gz", "data/usage/tokens.csv"])

        // Not inspected when the digest does not match.
        try TestSupport.write([0, 0, 0], to: bag.path + "/data/archive/abc-0123456789abcdef.json.gz")
        let second = RecordingInspector()
        _ = BagVerifier(inspectors: [(suffix: ".json.gz", inspector: second)]).verify(bagAt: bag.path)
        #expect(second.seen().isEmpty)
    }
}
