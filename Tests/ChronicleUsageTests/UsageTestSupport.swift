import ChronicleCommands
import Foundation
import Testing

/// Where the repository and this target's files are, found from this file.
enum UsageRepository {
    static let testsDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        return url.path
    }()
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static var samples: String { root + "/samples" }
    static var scripts: String { testsDirectory + "/Scripts" }
    static var golden: String { testsDirectory + "/Golden" }
    /// Each sample folder, its platform and the source name its replay.json gives.
    static let platforms: [(folder: String, source: String)] = [
        ("agent-swarm", "agent-swarm-sample"), ("agentscope", "agentscope-sample"), ("guayaba", "guayaba-sample"),
        ("managed-agents", "managed-agents-sample"), ("vectara", "vectara-sample"),
    ]
}

/// A fresh folder under the system's temporary directory.
struct ScratchFolder {
    let path: String

    init(_ label: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a program (found on PATH) and returns its exit status and combined output.
@discardableResult
func runProgram(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Exports every replay sample in-process into `out` (csv and archive only) and returns the bag
/// of each source.
func exportSamples(into out: String, extra: [String] = []) async throws -> [String: String] {
    let command = try ExportCommand.parse(["--samples", UsageRepository.samples, "--out", out, "--formats", "csv,archive"] + extra)
    let status = await command.execute(environment: [:])
    #expect(status == 0 || status == 3, "export exited \(status)")
    var bags: [String: String] = [:]
    for (_, source) in UsageRepository.platforms {
        let runs = try FileManager.default.contentsOfDirectory(atPath: out + "/" + source).filter { !$0.hasPrefix(".") }.sorted()
        let last = try #require(runs.last)
        bags[source] = out + "/" + source + "/" + last
    }
    return bags
}
