import Foundation
import Testing
@testable import ChronicleBag

@Suite struct BagVerifierScaleTests {
    /// A manifest of 300,000 lines naming files that are not there: every line is one damage.
    /// Each damage was checked against the whole list of earlier ones (40,000 lines took 14.7 s,
    /// 300,000 about 7 minutes); now a set. The limit is only a guard against "never ends".
    @Test(.timeLimit(.minutes(1))) func manyMissingFilesAreReportedInLinearTime() throws {
        let source = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: source) }
        let bag = try TestSupport.buildBag(in: source, runID: "20261122T020000Z")
        let manifest = bag.path + "/manifest-sha256.txt"
        var text = String(decoding: try TestSupport.read(manifest), as: UTF8.self)
        let digest = String(repeating: "ab", count: 32)
        let count = 300_000
        text.reserveCapacity(text.utf8.count + count * 90)
        for i in 0..<count { text += "\(digest)  data/missing/file-\(i).bin\n" }
        try TestSupport.write(Array(text.utf8), to: manifest)
        let report = BagVerifier().verify(bagAt: bag.path)
        let missing = report.damages.filter { $0.problem.contains("missing from the bag") }
        #expect(missing.count == count)
        #expect(missing.first?.file == "data/missing/file-0.bin")
        #expect(missing.last?.file == "data/missing/file-\(count - 1).bin")
    }
}
