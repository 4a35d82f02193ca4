import ChronicleCommands
import ChronicleCore
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// `chronicle sources` against the platform test servers and the samples.
@Suite("chronicle sources", .serialized)
struct SourcesCommandTests {
    static let samples: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/samples"
    }()

    func sources(_ h: ServerHarness, token: String? = nil, extra: [String] = []) async throws -> SourcesCommand.Report {
        let args = ["--platform", h.source, "--base-url", h.server.baseURL, "--token-env", ServerHarness.tokenVariable, "--page-size", "2"] + extra
        return try await SourcesCommand.parse(args).check(environment: [ServerHarness.tokenVariable: token ?? h.dataset.token])
    }

    @Test(arguments: PlatformID.allCases)
    func countsWhatTheServerHolds(_ platform: PlatformID) async throws {
        try await ServerHarness.with(platform) { h in
            let report = try await sources(h)
            #expect(report.status == 0, "\(report.lines)")
            let line = try #require(report.lines.first)
            #expect(report.lines.count == 1)
            #expect(line.contains("reachable, credential accepted"), "\(line)")
            #expect(line.contains("\(h.dataset.sessions.count) sessions"), "\(line)")
            if platform != .agentSwarm {
                #expect(line.contains("\(h.dataset.agents.count) agents"), "\(line)")
            }
            #expect(!line.contains(h.dataset.token))
            #expect(!FileManager.default.fileExists(atPath: h.out), "sources writes nothing")
        }
    }

    @Test func refusedCredentialExits77() async throws {
        try await ServerHarness.with(.vectara) { h in
            let report = try await sources(h, token: "not-the-key")
            #expect(report.status == 77)
            #expect(report.lines.first?.contains("credential refused") == true, "\(report.lines)")
            #expect(h.server.log.count == 1)
        }
    }

    @Test func unreachableExits69() async throws {
        let h = try await ServerHarness.start(.managedAgents)
        await h.server.stop()
        let report = try await sources(h, extra: ["--connect-timeout", "1"])
        #expect(report.status == 69)
        #expect(report.lines.first?.contains("unreachable") == true, "\(report.lines)")
        h.folder.remove()
    }

    @Test func fixedLatencyDelaysEveryResponse() async throws {
        try await ServerHarness.with(.guayaba) { h in
            h.server.faults.latency = .milliseconds(50)
            let start = ContinuousClock.now
            let report = try await sources(h)
            let elapsed = ContinuousClock.now - start
            #expect(report.status == 0)
            // sources asks one request at a time: agents, then each agent's active and archived sessions.
            let requests = h.server.log.count
            #expect(requests == 1 + 2 * h.dataset.agents.count)
            #expect(elapsed >= .milliseconds(50 * requests), "\(elapsed) for \(requests) requests")
        }
    }

    @Test func samplesAreListed() async throws {
        let report = try await SourcesCommand.parse(["--samples", Self.samples]).check(environment: [:])
        #expect(report.status == 0, "\(report.lines)")
        #expect(report.lines.count == 5)
        #expect(report.lines.allSatisfy { $0.contains("replay tree readable") })
    }
}
