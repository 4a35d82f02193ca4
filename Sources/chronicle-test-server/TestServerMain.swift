import ArgumentParser
import ChronicleCore
import ChronicleTestServer
import Foundation

/// `chronicle-test-server`: serves one platform from generated data on a port, for manual runs
/// and benchmarks.
@main
struct TestServerMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chronicle-test-server",
        abstract: "Serve one platform's API from generated data on a loopback port.",
        discussion: "Prints the base URL and the credential to use, then serves until interrupted."
    )

    @Option(help: "Platform: \(PlatformID.allCases.map(\.rawValue).joined(separator: ", ")).")
    var platform: String

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port (0: any free port).")
    var port: Int = 0

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 42

    @Option(help: "Agents.")
    var agents: Int = 2

    @Option(help: "Sessions per agent.")
    var sessions: Int = 3

    @Option(help: "Events per session (roughly).")
    var events: Int = 8

    @Option(help: "Artifacts per session (platforms with artifacts).")
    var artifacts: Int = 2

    @Option(name: .customLong("artifact-bytes"), help: "Bytes of each non-PNG artifact.")
    var artifactBytes: Int = 3000

    @Option(name: .customLong("latency-ms"), help: "Fixed delay before every response, in milliseconds.")
    var latencyMs: Int = 0

    func run() async throws {
        guard let id = PlatformID(rawValue: platform) else {
            throw ValidationError("unknown platform '\(platform)'; use one of \(PlatformID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let sizes = DatasetSizes(agents: agents, sessionsPerAgent: sessions, eventsPerSession: events, artifactsPerSession: artifacts, artifactBytes: artifactBytes)
        let dataset = PlatformDataset.generate(id, seed: seed, sizes: sizes)
        let server = try await TestServer.start(dataset, host: host, port: port, faults: FaultPlan(latency: .milliseconds(latencyMs)))
        var banner = "serving \(id.rawValue) at \(server.baseURL)\n"
        banner += "credential: \(dataset.token)\n"
        banner += "agents: \(dataset.agentIDs.joined(separator: " "))\n"
        banner += "sessions: \(dataset.sessions.count), events: \(dataset.truth.reduce(0) { $0 + $1.eventIDs.count })\n"
        banner += "try: CHRONICLE_TOKEN=\(dataset.token) chronicle export --platform \(id.rawValue) --base-url \(server.baseURL) --token-env CHRONICLE_TOKEN\(id == .agentscope ? dataset.agentIDs.map { " --agent \($0)" }.joined() : "") --out /tmp/chronicle-out\n"
        // Written at once, unbuffered: a script reading the banner from a pipe sees it now.
        FileHandle.standardOutput.write(Data(banner.utf8))
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(3600))
        }
        await server.stop()
    }
}
