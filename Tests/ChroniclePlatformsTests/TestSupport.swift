import ChronicleCore
import ChronicleJSON
import Crypto
import Foundation

/// Paths, temporary folders, hashing and a whole-source export loop for the adapter tests.
enum TestSupport {
    /// `samples/<name>` of this package.
    static func samplesDirectory(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("samples").appendingPathComponent(name).path
    }

    static func expected(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: samplesDirectory(name) + "/EXPECTED.json"))
        return try JSONParser.parse([UInt8](data))
    }

    static func makeTemporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "chronicle-platforms-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func removeDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func sha256Hex(ofFile path: String) throws -> (String, Int64) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let hex = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return (hex, Int64(data.count))
    }

    /// One exported session with what its sink collected.
    struct Exported {
        var session: Session
        var sink: TestSink
    }

    /// Runs the adapter as the pipeline does: agents, their sessions, each session's export.
    static func exportAll(_ adapter: any PlatformAdapter, artifactsDirectory: String) async throws -> (sessions: [Exported], listingProblems: [ExportProblem]) {
        var out: [Exported] = []
        var listingProblems: [ExportProblem] = []
        for agent in try await adapter.agents() {
            var sessions: [Session] = []
            try await adapter.listSessions(of: agent, problem: { listingProblems.append($0) }) { sessions.append($0) }
            for session in sessions {
                let sink = TestSink(artifactsDirectory: artifactsDirectory)
                try await adapter.exportSession(session, into: sink)
                out.append(Exported(session: session, sink: sink))
            }
        }
        return (out, listingProblems)
    }

    static func strings(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Usage as the samples' EXPECTED.json writes it.
    static func usage(_ value: JSONValue?) -> Usage? {
        guard let value, !value.isNull else { return nil }
        let u = Usage(
            inputTokens: value["input_tokens"]?.int64Value, outputTokens: value["output_tokens"]?.int64Value,
            cacheReadTokens: value["cache_read_input_tokens"]?.int64Value, cacheWriteTokens: value["cache_creation_input_tokens"]?.int64Value
        )
        return u.isUnknown ? nil : u
    }

    static func files(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}
