import Foundation
@testable import ChronicleBag

/// Helpers shared by the test suites.
enum TestSupport {
    /// A fresh empty directory under the system temp directory.
    static func makeTempDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "chronicle-bag-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `bytes` to `path`, creating parent directories.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a file's bytes.
    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Appends UTF-8 text to a file.
    static func append(_ text: String, to path: String) throws {
        try write(try read(path) + Array(text.utf8), to: path)
    }

    /// The standard sample payload, relative to data/.
    static let samplePayload: [(String, [UInt8])] = [
        ("run.json", Array(#"{"run":"sample"}"#.utf8)),
        ("index.html", Array("<html>index</html>".utf8)),
        ("sessions/abc-0123456789abcdef/transcript.html", Array("<p>hello transcript</p>".utf8)),
        ("archive/abc-0123456789abcdef.json.gz", [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]),
        ("usage/tokens.csv", Array("a,b\n1,2\n".utf8)),
        ("empty.txt", []),
    ]

    /// Builds and publishes a bag in `source` named `runID`, chained to the
    /// latest bag there, with `payload` (paths relative to data/).
    @discardableResult
    static func buildBag(in source: String, runID: String,
                         payload: [(String, [UInt8])] = samplePayload) throws -> FinishedBag {
        let builder = try BagBuilder(sourceDirectory: source, runID: runID, softwareAgent: "Chronicle tests")
        for (path, bytes) in payload {
            try write(bytes, to: builder.dataDirectory + "/" + path)
        }
        let previous = try BagChain.latest(in: source)
        return try builder.finalize(info: BagChain.infoPairs(previous: previous) + [("Source-Organization", "Tests")])
    }

    /// Runs a process and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Path of python3 (PATH lookup through /usr/bin/env).
    static let env = "/usr/bin/env"

    /// Makes sure Python's bagit module is importable, installing it with pip if needed.
    static func ensurePythonBagit() throws -> Bool {
        if try run(env, ["python3", "-c", "import bagit"]).status == 0 { return true }
        _ = try run(env, ["python3", "-m", "pip", "install", "--quiet", "bagit"])
        return try run(env, ["python3", "-c", "import bagit"]).status == 0
    }

    /// Files of a report that have damage.
    static func damagedFiles(_ report: BagVerificationReport) -> Set<String> {
        Set(report.damages.map(\.file))
    }
}
