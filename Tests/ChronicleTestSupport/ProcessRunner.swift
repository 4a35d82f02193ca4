import Foundation

/// Runs a program (looked up on PATH) and returns its exit status and combined output. Output
/// goes to a file, not a pipe: a browser's helper processes may keep a pipe open after the
/// browser itself has exited; each child gets its own /dev/null as standard input.
@discardableResult
public func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    if let environment { process.environment = environment }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("chronicle-run-\(UUID().uuidString).out")
    guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
        throw SupportError("cannot create \(file.path) for the output of \(program)")
    }
    defer { try? FileManager.default.removeItem(at: file) }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let data = FileManager.default.contents(atPath: file.path) ?? Data()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Makes sure Python's `bagit` is importable, installing it from PyPI when missing; throws when
/// that is impossible (a validation by a tool nobody here wrote is required).
public func ensurePythonBagit() throws {
    if try run("python3", ["-c", "import bagit"]).status == 0 { return }
    let install = try run("python3", ["-m", "pip", "install", "--quiet", "bagit"])
    guard install.status == 0 else { throw SupportError("pip install bagit failed: \(install.output)") }
}

/// SHA-256 hex of a file, computed by `sha256sum` (a tool nobody here wrote).
public func sha256sum(_ path: String) throws -> String {
    let r = try run("sha256sum", [path])
    return String(r.output.prefix(64))
}
