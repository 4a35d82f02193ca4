import ChronicleTestSupport
import Foundation
import Testing

/// Credentials are checked as they are read: a control character (a token with one was printed
/// in an error, the JSON summary and state.sqlite) exits 64 without echoing it; a token file
/// others can read gets a warning.
@Suite("Credential input checks", .serialized)
struct CredentialInputTests {
    static let token = "zqt_live_9f8e7d6c\u{1B}[31m5b4a"

    @Test func aTokenWithAControlCharacterExits64WithoutEchoingIt() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let binary = Repository.chronicleBinary
        var environment = ProcessInfo.processInfo.environment
        environment["CTRL_TOKEN"] = Self.token
        let viaEnv = try run(binary, ["export", "--platform", "vectara", "--base-url", "http://127.0.0.1:9/v2", "--token-env", "CTRL_TOKEN", "--out", tmp.path + "/out"], environment: environment)
        #expect(viaEnv.status == 64, "\(viaEnv.output)")
        #expect(viaEnv.output.contains("control character"))
        #expect(!viaEnv.output.contains("zqt_live_9f8e7d6c"))
        let file = tmp.path + "/token"
        try Data(Self.token.utf8).write(to: URL(fileURLWithPath: file))
        let viaFile = try run(binary, ["export", "--platform", "vectara", "--base-url", "http://127.0.0.1:9/v2", "--token-file", file, "--out", tmp.path + "/out"])
        #expect(viaFile.status == 64, "\(viaFile.output)")
        #expect(!viaFile.output.contains("zqt_live_9f8e7d6c"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/out/.chronicle/state.sqlite"))
    }

    @Test func aTokenFileOthersCanReadGetsAWarning() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let file = tmp.path + "/token"
        try Data("zqt_live_token_1234\n".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let args = ["export", "--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--token-file", file, "--page-size", "3", "--out", tmp.path + "/out"]
        let shared = try run(Repository.chronicleBinary, args)
        #expect(shared.status == 0, "\(shared.output)")
        #expect(shared.output.contains("can be read by other users (mode 644); run: chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let own = try run(Repository.chronicleBinary, args)
        #expect(!own.output.contains("can be read by other users"))
    }
}
