import ChronicleJSON
import ChronicleTestSupport
import Foundation

/// moto's S3 server (`Tests/Live/moto/serve.py`, moto[server] from `.build-py/moto`) on loopback
/// in a child process; ``harness(_:_:)`` reads and writes it through boto3, independently of
/// Chronicle's client. Its standard input is a pipe, so it ends when the test process goes away.
final class MotoServer: Sendable {
    static let directory = Repository.root + "/Tests/Live/moto"

    let port: Int
    private let server: PythonChildServer

    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(server: PythonChildServer) {
        self.server = server
        self.port = server.port("port")
    }

    static func start(folder: String, timeout: Double = 300) async throws -> MotoServer {
        let server = try await PythonChildServer.start(
            venv: "moto", script: directory + "/serve.py", folder: folder, log: "moto.log",
            readyKeys: ["port"], name: "moto's S3 server", timeout: timeout
        )
        return MotoServer(server: server)
    }

    /// Runs `harness.py <endpoint> <command> <arguments>` (boto3) and returns its JSON output.
    func harness(_ command: String, _ arguments: [String]) throws -> JSONValue {
        try server.harness(script: Self.directory + "/harness.py", command: command, [endpoint, command] + arguments)
    }

    func stop() {
        server.stop()
    }
}
