import ChronicleJSON
import ChronicleTestSupport
import Foundation

/// The real AgentScope 2.0.11 service (`Tests/Live/agentscope/serve.py`) running on loopback in
/// a child process, with its fake OpenAI-compatible model: SQL storage on SQLite, the in-process
/// message bus, per-session local workspaces, scheduler and channel worker off, in the time zone
/// `tz`. ``stop()`` ends it (SIGTERM, then SIGKILL); its standard input is a pipe, so it also
/// ends when the test process goes away.
final class LiveAgentScopeServer: @unchecked Sendable {
    static let harnessDirectory = Repository.root + "/Tests/Live/agentscope"

    let python: String
    let folder: String
    let port: Int
    let modelPort: Int
    private let process: Process
    private let stdin: Pipe

    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(python: String, folder: String, port: Int, modelPort: Int, process: Process, stdin: Pipe) {
        self.python = python
        self.folder = folder
        self.port = port
        self.modelPort = modelPort
        self.process = process
        self.stdin = stdin
    }

    /// Starts the service and waits (at most `timeout` seconds) until it answers.
    static func start(folder: String, tz: String, timeout: Double = 120) async throws -> LiveAgentScopeServer {
        let python = try PythonVenv.python("agentscope")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [harnessDirectory + "/serve.py", folder]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = tz
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let log = folder + "/serve.log"
        guard FileManager.default.createFile(atPath: log, contents: nil), let handle = FileHandle(forWritingAtPath: log) else {
            throw SupportError("cannot create \(log)")
        }
        process.standardOutput = handle
        process.standardError = handle
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        let ready = folder + "/ready.json"
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: ready), let doc = try? JSONParser.parse([UInt8](data)),
                let port = doc["port"]?.int64Value, let modelPort = doc["model_port"]?.int64Value
            {
                return LiveAgentScopeServer(python: python, folder: folder, port: Int(port), modelPort: Int(modelPort), process: process, stdin: stdin)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let output = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        Self.end(process, stdin: stdin)
        throw SupportError("the AgentScope service did not start within \(Int(timeout)) s; its log:\n\(output.suffix(4000))")
    }

    /// Runs `harness.py <command> <arguments>` and returns its JSON output.
    func harness(_ command: String, _ arguments: [String]) throws -> JSONValue {
        let r = try run(python, [Self.harnessDirectory + "/harness.py", command] + arguments)
        guard r.status == 0 else { throw SupportError("harness.py \(command) failed (\(r.status)): \(r.output.suffix(4000))") }
        // Only the last line is the JSON document (warnings may come first on stderr).
        let line = r.output.split(separator: "\n").last.map(String.init) ?? ""
        do {
            return try JSONParser.parse(Array(line.utf8))
        } catch {
            throw SupportError("harness.py \(command) printed no JSON: \(r.output.suffix(2000))")
        }
    }

    func stop() {
        Self.end(process, stdin: stdin)
    }

    private static func end(_ process: Process, stdin: Pipe) {
        try? stdin.fileHandleForWriting.close()
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
