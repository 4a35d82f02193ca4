import ChronicleExport
import ChronicleTestSupport
import Foundation
import Testing

@Suite("Command line and exit codes", .serialized)
struct CommandLineTests {
    @Test func badCommandLinesExit64() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(try await export(["--platform", "nope", "--base-url", "file:/x", "--out", tmp.path]) == 64)
        #expect(try await export(["--platform", "vectara", "--out", tmp.path]) == 64)
        #expect(try await export(["--platform", "vectara", "--base-url", "https://api.example.invalid/v2", "--token-env", "CHRONICLE_TEST_UNSET", "--out", tmp.path]) == 64)
        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tmp.path + "/missing", "--out", tmp.path]) == 64)
        #expect(try await export(["--samples", tmp.path + "/nothing-here", "--out", tmp.path]) == 64)
        #expect(try await export(["--concurrency", "0", "--out", tmp.path]) == 64)
        #expect(try await export(["--formats", "html,pdf", "--out", tmp.path]) == 64)
        #expect(try verify([]) == 64)
    }

    @Test func aSecondRunWhileOneHoldsTheLockExits75() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let lock = try RunLock(outputDirectory: tmp.path)
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3", "--out", tmp.path])
        #expect(status == 75)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tmp.path + "/vectara")) == nil, "nothing exported while locked")
        withExtendedLifetime(lock) {}
    }

    @Test func replayOfAMissingResponseNamesTheFile() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try FileManager.default.createDirectory(atPath: tmp.path + "/tree", withIntermediateDirectories: true)
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + tmp.path + "/tree", "--out", tmp.path + "/out"])
        #expect(status == 69)
        // Nothing visible: the unfinished bag was discarded.
        #expect(try bags(in: tmp.path + "/out", source: "vectara").isEmpty)
    }
}
