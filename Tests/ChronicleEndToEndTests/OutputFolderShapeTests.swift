import ChronicleTestSupport
import Foundation
import Testing

/// Output folders as a careless or hostile operator leaves them: links and empty run folders.
@Suite("Output folder links and empty run folders", .serialized)
struct OutputFolderShapeTests {
    static var sample: [String] { ["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3"] }

    /// `--out` itself a link: followed truthfully, the bag verifies.
    @Test func aLinkedOutputFolderWorks() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/out", withDestinationPath: tmp.path + "/real")
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 0)
        let bag = try #require(try bags(in: tmp.path + "/real", source: "vectara").first)
        #expect(try verify([bag]) == 0)
    }

    /// `<out>/<source>` a link: the bag was published into the link's target, then the run
    /// said "no bag was published" and exited 73, every night. Now refused before anything is
    /// written, with exit 73.
    @Test func aLinkedSourceFolderIsRefusedBeforeWriting() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tmp.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tmp.path + "/out/vectara", withDestinationPath: tmp.path + "/elsewhere")
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/elsewhere").isEmpty)
    }

    /// Empty folders named like runs (one far in the future, several on the next seconds)
    /// blocked every run ("this bag is not recorded in state"); now passed over, and the new
    /// bag takes the next free name.
    @Test func emptyRunFoldersBlockNothing() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let source = tmp.path + "/out/vectara"
        try FileManager.default.createDirectory(atPath: source + "/20991231T000000Z", withIntermediateDirectories: true)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        for second in 0..<8 {
            try FileManager.default.createDirectory(atPath: source + "/" + formatter.string(from: Date().addingTimeInterval(Double(second))), withIntermediateDirectories: true)
        }
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 0)
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 0)
        let published = try bags(in: tmp.path + "/out", source: "vectara").filter { FileManager.default.fileExists(atPath: $0 + "/bagit.txt") }
        #expect(published.count == 2)
        for bag in published { #expect(try verify([bag]) == 0) }
    }
}
