import ChronicleJSON
import Foundation

/// A real part from PyPI serving on loopback in a child process: a `serve.py` run by the Python of
/// a virtual environment under `.build-py/` (``PythonVenv``). The script writes
/// `<folder>/ready.json` (its ports) once it answers, and ends when its standard input, a pipe,
/// closes, so it also ends when the test process goes away. Its output goes to `<folder>/<log>`.
public final class PythonChildServer: @unchecked Sendable {
    public let python: String
    /// What the script wrote to `ready.json`.
    public let ready: JSONValue
    private let process: Process
    private let stdin: Pipe

    private init(python: String, ready: JSONValue, process: Process, stdin: Pipe) {
        self.python = python
        self.ready = ready
        self.process = process
        self.stdin = stdin
    }

    /// Starts `script` with `folder` as its argument and waits (at most `timeout` seconds) for a
    /// `ready.json` that has every key of `readyKeys`; `name` names the server in the error.
    public static func start(
        venv: String, script: String, folder: String, log: String, environment extra: [String: String] = [:],
        readyKeys: [String], name: String, timeout: Double
    ) async throws -> PythonChildServer {
        let python = try PythonVenv.python(venv)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, folder]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let logPath = folder + "/" + log
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let handle = FileHandle(forWritingAtPath: logPath) else {
            throw SupportError("cannot create \(logPath)")
        }
        process.standardOutput = handle
        process.standardError = handle
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let data = FileManager.default.contents(atPath: folder + "/ready.json"), let doc = try? JSONParser.parse([UInt8](data)),
                readyKeys.allSatisfy({ doc[$0]?.int64Value != nil })
            {
                return PythonChildServer(python: python, ready: doc, process: process, stdin: stdin)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let output = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        end(process, stdin: stdin)
        throw SupportError("\(name) did not start within \(Int(timeout)) s; its log:\n\(output.suffix(4000))")
    }

    /// A port `ready.json` gave (``start`` checked that it is there).
    public func port(_ key: String) -> Int { Int(ready[key]?.int64Value ?? 0) }

    /// Runs `script arguments` with this server's Python and returns the JSON document of its
    /// last output line (warnings may come first on stderr); `command` names the call in errors.
    public func harness(script: String, command: String, _ arguments: [String]) throws -> JSONValue {
        let r = try run(python, [script] + arguments)
        guard r.status == 0 else { throw SupportError("\((script as NSString).lastPathComponent) \(command) failed (\(r.status)): \(r.output.suffix(4000))") }
        let line = r.output.split(separator: "\n").last.map(String.init) ?? ""
        do {
            return try JSONParser.parse(Array(line.utf8))
        } catch {
            throw SupportError("\((script as NSString).lastPathComponent) \(command) printed no JSON: \(r.output.suffix(2000))")
        }
    }

    /// Ends the server: its standard input closes, then SIGTERM, then SIGKILL after 10 s.
    public func stop() {
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
