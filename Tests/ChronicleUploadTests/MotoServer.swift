import ChronicleJSON
import ChronicleTestSupport
import Foundation

/// moto's S3 server (`Tests/Live/moto/serve.py`, moto[server] from `.build-py/moto`) on loopback
/// in a child process; ``harness(_:_:)`` reads and writes it through boto3, independently of
/// Chronicle's client. Its standard input is a pipe, so it ends when the test process goes away.
final class MotoServer: @unchecked Sendable {
    static let directory = Repository.root + "/Tests/Live/moto"

    let python: String
    let port: Int
    private let process: Process
    private let stdin: Pipe

    var endpoint: String { "http://127.0.0.1:\(port)" }

    private init(python: String, port: Int, process: Process, stdin: Pipe) {
        self.python = python
        self.port = port
        self.process = process
        self.stdin = stdin
    }

    static func start(folder: String, timeout: Double = 300) async throws -> MotoServer {
        let python = try PythonVenv.python("moto")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [directory + "/serve.py", folder]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let log = folder + "/moto.log"
        guard FileManager.default.createFile(atPath: log, contents: nil), let handle = FileHandle(forWritingAtPath: log) else {
            throw SupportError("cannot create \(log)")
        }
        process.standardOutput = handle
        process.standardError = handle
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: folder + "/ready.json"), let doc = try? JSONParser.parse([UInt8](data)),
                let port = doc["port"]?.int64Value
            {
                return MotoServer(python: python, port: Int(port), process: process, stdin: stdin)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let output = String(decoding: FileManager.default.contents(atPath: log) ?? Data(), as: UTF8.self)
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        throw SupportError("moto's S3 server did not start within \(Int(timeout)) s; its log:\n\(output.suffix(4000))")
    }

    /// Runs `harness.py <endpoint> <command> <arguments>` (boto3) and returns its JSON output.
    func harness(_ command: String, _ arguments: [String]) throws -> JSONValue {
        let r = try run(python, [Self.directory + "/harness.py", endpoint, command] + arguments)
        guard r.status == 0 else { throw SupportError("harness.py \(command) failed (\(r.status)): \(r.output.suffix(4000))") }
        let line = r.output.split(separator: "\n").last.map(String.init) ?? ""
        do {
            return try JSONParser.parse(Array(line.utf8))
        } catch {
            throw SupportError("harness.py \(command) printed no JSON: \(r.output.suffix(2000))")
        }
    }

    func stop() {
        try? stdin.fileHandleForWriting.close()
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
