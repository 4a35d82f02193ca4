import ChronicleGzip
import Foundation
import Testing

/// Shared helpers for the gzip tests.
enum TestSupport {
    /// A fresh, unique temporary directory.
    static func makeTempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("chronicle-gzip-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func removeDirectory(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func writeBytes(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Lorem-ipsum-like text of roughly `count` bytes.
    static func text(_ count: Int) -> [UInt8] {
        let line = Array(
            "{\"session\":\"abc\",\"role\":\"assistant\",\"content\":\"Grüße – the quick brown fox jumps over the lazy dog.\"}\n"
                .utf8)
        var result = [UInt8]()
        result.reserveCapacity(count)
        var index = 0
        while result.count < count {
            result.append(contentsOf: line)
            result.append(contentsOf: Array(String(index).utf8))
            index += 1
        }
        return Array(result.prefix(count))
    }

    /// Writes `bytes` with a GzipFileWriter in one write; returns the summary.
    @discardableResult
    static func writeGzip(_ bytes: [UInt8], to path: String, level: Int32 = 6) throws -> GzipSummary {
        let writer = try GzipFileWriter(path: path, level: level)
        try writer.write(bytes)
        return try writer.finish(sync: false)
    }

    /// Reads `path` with the strict reader, collecting all output.
    static func strictRead(_ path: String) throws -> (bytes: [UInt8], summary: GzipSummary) {
        var output = [UInt8]()
        let summary = try GzipStrictReader.read(path: path) { chunk in
            output.append(contentsOf: chunk)
        }
        return (output, summary)
    }

    /// Runs `/usr/bin/gzip` with `arguments`; returns exit status and stdout.
    static func runGzip(_ arguments: [String]) throws -> (status: Int32, stdout: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](data))
    }

    /// Writes `bytes` to a file and asserts the strict reader (and in-memory
    /// decompress) reject it with `kind`.
    static func expectRejection(
        _ bytes: [UInt8], kind: GzipIntegrityError.Kind, in directory: URL, name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let path = directory.appendingPathComponent(name).path
        try writeBytes(bytes, to: path)
        do {
            _ = try GzipStrictReader.read(path: path) { _ in }
            Issue.record("strict reader accepted \(name)", sourceLocation: sourceLocation)
        } catch let error as GzipIntegrityError {
            #expect(error.kind == kind, "\(name): \(error)", sourceLocation: sourceLocation)
            #expect(error.path == path, sourceLocation: sourceLocation)
            #expect(error.description.contains(path), sourceLocation: sourceLocation)
        }
        do {
            _ = try Gzip.decompress(bytes)
            Issue.record("decompress accepted \(name)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, "\(name) (memory): \(error)", sourceLocation: sourceLocation)
        }
    }
}
