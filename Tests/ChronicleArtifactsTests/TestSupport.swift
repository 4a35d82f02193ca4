import ChronicleTestSupport
import ChronicleArtifacts
import Foundation
import Testing

/// Helpers shared by the test suites.
enum TestSupport {
    /// Decodes `input`, splitting it into chunks that end at each of `cuts` (ascending offsets).
    static func decode(_ input: [UInt8], cuts: [Int] = []) throws -> [UInt8] {
        var decoder = StrictBase64Decoder()
        var result: [UInt8] = []
        var start = 0
        for cut in cuts + [input.count] where cut >= start {
            try input[start..<cut].withUnsafeBytes { chunk in
                try decoder.decode(chunk) { result.append(contentsOf: $0) }
            }
            start = cut
        }
        try decoder.finish { result.append(contentsOf: $0) }
        #expect(decoder.decodedByteCount == result.count)
        return result
    }

    static func decode(_ text: String, cuts: [Int] = []) throws -> [UInt8] {
        try decode(Array(text.utf8), cuts: cuts)
    }

    /// Decodes one byte per chunk.
    static func decodeBytewise(_ input: [UInt8]) throws -> [UInt8] {
        try decode(input, cuts: Array(0..<input.count))
    }

    /// Decodes in chunks of random sizes between 1 and `maxChunk`.
    static func decodeRandomChunks(_ input: [UInt8], maxChunk: Int, using rng: inout SplitMix64) throws -> [UInt8] {
        var cuts: [Int] = []
        var position = 0
        while position < input.count {
            position += Int.random(in: 1...maxChunk, using: &rng)
            cuts.append(min(position, input.count))
        }
        return try decode(input, cuts: cuts)
    }

    /// The decoding error for `text` split at `cuts`, or nil if it decodes.
    static func decodingError(_ text: String, cuts: [Int] = []) -> Base64DecodingError? {
        do {
            _ = try decode(Array(text.utf8), cuts: cuts)
            return nil
        } catch let error as Base64DecodingError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    /// A new empty directory under the system temp directory.
    static func makeTemporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("chronicle-artifacts-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func removeDirectory(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// All entries in `path`, hidden ones included, sorted.
    static func listDirectory(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    /// Writes `text` through `writer.write`.
    static func write(_ text: String, to writer: ArtifactFileWriter) throws {
        try Array(text.utf8).withUnsafeBytes { try writer.write($0) }
    }

    /// Writes `text` through `writer.writeBase64`.
    static func writeBase64(_ text: String, to writer: ArtifactFileWriter) throws {
        try Array(text.utf8).withUnsafeBytes { try writer.writeBase64($0) }
    }
}
