import Foundation
import Testing
@testable import ChronicleBag

@Suite struct BagChainTests {
    @Test func latestIgnoresOtherNamesAndIncompleteFolders() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        #expect(try BagChain.latest(in: source) == nil)
        #expect(try BagChain.latest(in: source + "/missing") == nil)
        let first = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let second = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        #expect(second.runID == "20261122T020000Z-01")
        _ = try BagBuilder(sourceDirectory: source, runID: "20991231T235959Z", softwareAgent: "t")
        try FileManager.default.createDirectory(atPath: source + "/zzz-not-a-run", withIntermediateDirectories: false)
        try TestSupport.write([1], to: source + "/20991231T235958Z") // a file, not a bag
        let latest = try #require(try BagChain.latest(in: source))
        #expect(latest.runID == second.runID)
        #expect(latest.tagManifestSHA256 == second.tagManifestSHA256)
        #expect(latest.path == second.path)
        let info = String(decoding: try TestSupport.read(second.path + "/bag-info.txt"), as: UTF8.self)
        #expect(info.contains("Chronicle-Previous-Run: \(first.runID)\n"))
        #expect(info.contains("Chronicle-Previous-Tagmanifest-SHA256: \(first.tagManifestSHA256)\n"))
        #expect(BagVerifier().verify(bagAt: second.path).isSound)
    }

    @Test func deletedFirstBagBreaksChain() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let first = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let second = try TestSupport.buildBag(in: source, runID: "20261123T020000Z")
        #expect(BagVerifier().verify(bagAt: first.path).isSound)
        #expect(BagVerifier().verify(bagAt: second.path).isSound)
        try FileManager.default.removeItem(atPath: first.path)
        let report = BagVerifier().verify(bagAt: second.path)
        #expect(report.damages.contains { $0.file == "(chain)" && $0.problem.contains("20261122T020000Z") && $0.problem.contains("deleted") },
                "\(report.damages)")
        #expect(TestSupport.damagedFiles(report) == ["(chain)"])
    }

    @Test func alteredOrReplacedFirstBagBreaksChain() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let first = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let second = try TestSupport.buildBag(in: source, runID: "20261123T020000Z")
        // Replace the first bag with a self-consistent forgery.
        let forgeSource = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: forgeSource) }
        let forged = try TestSupport.buildBag(in: forgeSource, runID: "20261122T020000Z",
                                              payload: [("run.json", Array("forged".utf8))])
        try FileManager.default.removeItem(atPath: first.path)
        try FileManager.default.moveItem(atPath: forged.path, toPath: first.path)
        #expect(BagVerifier().verify(bagAt: first.path).isSound, "the forgery is internally consistent")
        let report = BagVerifier().verify(bagAt: second.path)
        #expect(report.damages.contains { $0.file == "(chain)" && $0.problem.contains("20261122T020000Z") && $0.problem.contains("replaced or altered") },
                "\(report.damages)")
    }

    @Test func deletedBagInBetweenBreaksChain() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let middle = try TestSupport.buildBag(in: source, runID: "20261123T020000Z")
        let last = try TestSupport.buildBag(in: source, runID: "20261124T020000Z")
        #expect(BagVerifier().verify(bagAt: last.path).isSound)
        try FileManager.default.removeItem(atPath: middle.path)
        let report = BagVerifier().verify(bagAt: last.path)
        #expect(report.damages.contains { $0.file == "(chain)" && $0.problem.contains("20261123T020000Z") }, "\(report.damages)")
    }

    @Test func insertedBagBreaksChain() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let first = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let last = try TestSupport.buildBag(in: source, runID: "20261124T020000Z")
        try FileManager.default.copyItem(atPath: first.path, toPath: source + "/20261123T020000Z")
        let report = BagVerifier().verify(bagAt: last.path)
        #expect(report.damages.contains { $0.file == "(chain)" && $0.problem.contains("20261123T020000Z") && $0.problem.contains("between") },
                "\(report.damages)")
        // A first bag cannot claim to be first when an older one exists.
        let older = source + "/20261121T020000Z"
        try FileManager.default.copyItem(atPath: first.path, toPath: older)
        let firstReport = BagVerifier().verify(bagAt: first.path)
        #expect(firstReport.damages.contains { $0.file == "(chain)" && $0.problem.contains("20261121T020000Z") }, "\(firstReport.damages)")
    }

    @Test func latestThrowsWhenNewestBagLostItsTagManifest() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let bag = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        try FileManager.default.removeItem(atPath: bag.path + "/tagmanifest-sha256.txt")
        #expect(throws: BagError.self) { try BagChain.latest(in: source) }
    }
}
