import ChronicleCommands
import Foundation
import Testing

/// Where the repository is, found from this file.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static var samples: String { root + "/samples" }
    static var templates: String { root + "/templates" }
    static var golden: String { root + "/Tests/ChronicleRenderTests/Golden" }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(_ label: String = "chronicle-html") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a program (looked up on PATH) and returns its exit status and combined output.
@discardableResult
func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    if let environment { process.environment = environment }
    // Output goes to a file, not a pipe: a browser's helper processes may keep a pipe open
    // after the browser itself has exited.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("chronicle-run-\(UUID().uuidString).out")
    guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
        throw CocoaError(.fileWriteUnknown)
    }
    defer { try? FileManager.default.removeItem(at: file) }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    let data = FileManager.default.contents(atPath: file.path) ?? Data()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Runs `chronicle export` in-process.
func export(_ arguments: [String]) async throws -> Int32 {
    try await ExportCommand.parse(arguments).execute(environment: [:])
}

/// Every file under `root`, relative, sorted.
func files(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let f = e.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + f, isDirectory: &isDirectory), !isDirectory.boolValue { out.append(f) }
    }
    return out.sorted()
}

func read(_ path: String) throws -> String {
    let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
    return String(decoding: data, as: UTF8.self)
}

/// The published bags under `<out>/<source>/`.
func bags(in out: String, source: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: out + "/" + source).filter { !$0.hasPrefix(".") }.sorted().map { "\(out)/\(source)/\($0)" }
}

/// Exports every sample replay tree into `out` once per call.
func exportSamples(into out: String) async throws {
    let status = try await export(["--samples", Repository.samples, "--out", out])
    #expect(status == 0 || status == 3, "export of the samples exited \(status)")
}
