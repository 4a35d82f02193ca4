import ChronicleJSON
import ChronicleTestSupport
import Foundation

/// The real AgentScope 2.0.11 service (`Tests/Live/agentscope/serve.py`) running on loopback in
/// a child process, with its fake OpenAI-compatible model: SQL storage on SQLite, the in-process
/// message bus, per-session local workspaces, scheduler and channel worker off, in the time zone
/// `tz`. ``stop()`` ends it (SIGTERM, then SIGKILL); its standard input is a pipe, so it also
/// ends when the test process goes away.
final class LiveAgentScopeServer: Sendable {
    static let harnessDirectory = Repository.root + "/Tests/Live/agentscope"

    let folder: String
    let port: Int
    let modelPort: Int
    private let server: PythonChildServer

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(folder: String, server: PythonChildServer) {
        self.folder = folder
        self.server = server
        self.port = server.port("port")
        self.modelPort = server.port("model_port")
    }

    /// Starts the service and waits (at most `timeout` seconds) until it answers.
    static func start(folder: String, tz: String, timeout: Double = 120) async throws -> LiveAgentScopeServer {
        let server = try await PythonChildServer.start(
            venv: "agentscope", script: harnessDirectory + "/serve.py", folder: folder, log: "serve.log", environment: ["TZ": tz],
            readyKeys: ["port", "model_port"], name: "the AgentScope service", timeout: timeout
        )
        return LiveAgentScopeServer(folder: folder, server: server)
    }

    /// Runs `harness.py <command> <arguments>` and returns its JSON output.
    func harness(_ command: String, _ arguments: [String]) throws -> JSONValue {
        try server.harness(script: Self.harnessDirectory + "/harness.py", command: command, [command] + arguments)
    }

    func stop() {
        server.stop()
    }
}
