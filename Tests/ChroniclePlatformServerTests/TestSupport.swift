import ChronicleCommands
import ChronicleGzip
import ChronicleJSON
import Foundation
import Testing

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "chronicle-server") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a program and returns its exit status and its output (stdout and stderr).
@discardableResult
func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Makes sure Python's `bagit` is importable, installing it when missing.
func ensurePythonBagit() throws {
    if try run("python3", ["-c", "import bagit"]).status == 0 { return }
    let install = try run("python3", ["-m", "pip", "install", "--quiet", "bagit"])
    try #require(install.status == 0, "pip install bagit failed: \(install.output)")
}

/// Runs `chronicle export` in-process.
func export(_ arguments: [String], environment: [String: String] = [:]) async throws -> Int32 {
    let command = try ExportCommand.parse(arguments)
    return await command.execute(environment: environment)
}

/// Runs `chronicle verify` in-process.
func verify(_ bags: [String]) throws -> Int32 {
    try VerifyCommand.parse(bags).execute()
}

/// The published bags under `<out>/<source>/`.
func bags(in out: String, source: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: out + "/" + source).filter { !$0.hasPrefix(".") }.sorted().map { "\(out)/\(source)/\($0)" }
}

/// Reads a whole archive as JSON.
func readArchive(_ path: String) throws -> (JSONValue, [UInt8]) {
    let data = try #require(FileManager.default.contents(atPath: path))
    let bytes = try Gzip.decompress([UInt8](data))
    return (try JSONParser.parse(bytes), bytes)
}

/// Reads a JSON file.
func readJSON(_ path: String) throws -> JSONValue {
    try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: path))))
}

/// Every file under a folder, relative paths, sorted.
func files(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let p = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue { out.append(p) }
    }
    return out.sorted()
}

/// The real `chronicle` binary, beside the test bundle (`.build/<config>/chronicle`).
var chronicleBinary: String {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var url = runner
    while url.path != "/" {
        let candidate = url.appendingPathComponent("chronicle").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        url.deleteLastPathComponent()
    }
    return runner.appendingPathComponent("chronicle").path
}
