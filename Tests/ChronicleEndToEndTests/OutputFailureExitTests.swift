import ChronicleTestSupport
import Foundation
import Testing

/// Output failures exit 73 with one line, whatever the cause.
@Suite("Output failures exit 73", .serialized)
struct OutputFailureExitTests {
    static var sample: [String] { ["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3"] }

    /// A file where `<out>/<source>/` should be: exited 70 with Foundation's raw error.
    @Test func aFileInPlaceOfTheSourceFolderExits73() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/out", withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: tmp.path + "/out/vectara"))
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 73)
    }

    /// A folder where the cumulative `index.html` goes: the run exited 0 (a full disk, 73).
    @Test func aCumulativeIndexThatCannotBeWrittenExits73() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/out/index.html/inside", withIntermediateDirectories: true)
        #expect(try await export(Self.sample + ["--out", tmp.path + "/out"]) == 73)
        #expect(try bags(in: tmp.path + "/out", source: "vectara").count == 1, "the bag itself is published")
    }
}
