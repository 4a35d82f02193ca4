import ChronicleCommands
import ChronicleTestSupport
import Foundation
import Testing

/// The `chronicle-test-server` executable serves a platform that `chronicle sources` can check.
@Suite("chronicle-test-server", .serialized)
struct TestServerExecutableTests {
    /// The executable beside the `chronicle` binary.
    static var binary: String {
        URL(fileURLWithPath: Repository.chronicleBinary).deletingLastPathComponent().appendingPathComponent("chronicle-test-server").path
    }

    @Test func servesAPlatformOnAPort() async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: \(binary)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--platform", "managed-agents", "--port", "0", "--sessions", "4", "--latency-ms", "5"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        // Read until the banner names the base URL and the credential.
        var text = ""
        let deadline = ContinuousClock.now + .seconds(20)
        while !(text.contains("credential: ") && text.contains("agents: ")), ContinuousClock.now < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            text += String(decoding: data, as: UTF8.self)
        }
        let lines = text.split(separator: "\n").map(String.init)
        let url = try #require(lines.first { $0.hasPrefix("serving ") }?.split(separator: " ").last.map(String.init), "\(text)")
        let token = try #require(lines.first { $0.hasPrefix("credential: ") }.map { String($0.dropFirst("credential: ".count)) }, "\(text)")
        let report = try await SourcesCommand.parse(["--platform", "managed-agents", "--base-url", url, "--token-env", "T"]).check(environment: ["T": token])
        #expect(report.status == 0, "\(report.lines)")
        #expect(report.lines.first?.contains("2 agents, 8 sessions") == true, "\(report.lines)")
    }
}
