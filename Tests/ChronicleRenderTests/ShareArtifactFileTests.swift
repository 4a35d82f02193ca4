import ChronicleCommands
import ChronicleTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `share` and `render` read only the bag's own artifacts: a regular file whose bytes hash to its
/// content-addressed name. A planted link was followed (`share` embedded `/etc/shadow` as a
/// `data:` URI) and a FIFO made both hang.
@Suite("Share and render read only sound artifact files", .serialized)
struct ShareArtifactFileTests {
    static let session = "agent:main:telegram:4411"
    static let png = "artifacts/515a9b17edac1e580fbd9f711659cb619b741ce7b5e5ba92d7ead150b004e23b.png"

    /// The guayaba sample's bag (its first session holds a PNG) and a file outside the bag.
    static func bag(_ tmp: TemporaryFolder) async throws -> String {
        #expect(try await export(["--platform", "guayaba", "--base-url", "file:" + Repository.samples + "/guayaba", "--out", tmp.path + "/out"]) == 0)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "guayaba").first)
        #expect(FileManager.default.fileExists(atPath: bag + "/data/" + png))
        return bag
    }

    static func shared(_ bag: String, _ tmp: TemporaryFolder) throws -> String {
        let output = tmp.path + "/shared.html"
        #expect(try ShareCommand.parse([bag, session, "-o", output]).execute() == 0)
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    @Test func aSoundArtifactIsEmbedded() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let page = try Self.shared(try await Self.bag(tmp), tmp)
        #expect(page.contains("data:image/png;base64,iVBORw0KGgo"))
    }

    @Test(.timeLimit(.minutes(1))) func aLinkOrAFIFOInPlaceOfAnArtifactIsNeverRead() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await Self.bag(tmp)
        let secret = tmp.path + "/secret.png"
        try Data("TOP-SECRET-CONTENT-OUTSIDE-THE-BAG".utf8).write(to: URL(fileURLWithPath: secret))
        let artifact = bag + "/data/" + Self.png
        try FileManager.default.removeItem(atPath: artifact)
        try FileManager.default.createSymbolicLink(atPath: artifact, withDestinationPath: secret)
        let linked = try Self.shared(bag, tmp)
        #expect(!linked.contains(Data("TOP-SECRET-CONTENT-OUTSIDE-THE-BAG".utf8).base64EncodedString().prefix(20)))
        #expect(!linked.contains("data:image/png;base64,"))
        #expect(try RenderCommand.parse([bag, "--out", tmp.path + "/rendered"]).execute() == 0)
        let copied = try FileManager.default.subpathsOfDirectory(atPath: tmp.path + "/rendered").filter { $0.hasSuffix(".png") }
        #expect(copied.isEmpty, "the link was copied as an artifact: \(copied)")

        try FileManager.default.removeItem(atPath: artifact)
        #expect(mkfifo(artifact, 0o644) == 0)
        let fifo = try Self.shared(bag, tmp)
        #expect(!fifo.contains("data:image/png;base64,"))
        #expect(try RenderCommand.parse([bag, "--out", tmp.path + "/rendered2"]).execute() == 0)
    }

    @Test func anArtifactWhoseBytesDoNotMatchItsNameIsNotEmbedded() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await Self.bag(tmp)
        let artifact = bag + "/data/" + Self.png
        var bytes = try Data(contentsOf: URL(fileURLWithPath: artifact))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: artifact))
        #expect(!(try Self.shared(bag, tmp)).contains("data:image/png;base64,"))
    }
}
