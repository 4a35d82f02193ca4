import ChronicleCore
import ChronicleJSON
@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

/// The archive writes events and artifacts with ``ModelJSONBytes`` (no JSONValue tree): its
/// bytes must stay those of archive format version 1 for every kind of block, every optional
/// present and absent, and integers at their edges.
@Suite("ModelJSONBytes writes ModelJSON's bytes")
struct ModelJSONBytesTests {
    static let artifacts: [ArtifactReference] = [
        ArtifactReference(state: .missing),
        ArtifactReference(artifactID: "art\"1", name: "a\u{2028}b.png", mediaType: "image/png", size: Int64.max, sha256: String(repeating: "ab", count: 32),
                          storedPath: "artifacts/x.png", state: .stored, problem: nil),
        ArtifactReference(artifactID: "a", name: "n", mediaType: nil, size: -1, sha256: nil, storedPath: nil, state: .notFetched, problem: "size \\ mismatch\n"),
        ArtifactReference(size: Int64.min, state: .invalid),
    ]

    static var blocks: [ContentBlock] {
        let nested: JSONValue = .object([
            .init("a", .array([.number("1.10"), .number("-0"), .number("1E+2"), .number("12345678901234567890123"), .number("NaN"), .null, .bool(true)])),
            .init("a", .string("dup \u{01} \u{1F600} 数据 \"q\"")), .init("o", .object([])), .init("e", .array([])),
        ])
        var b: [ContentBlock] = [
            .text("# Title\n\n`code` <b>&</b>", markdown: true), .text("", markdown: false), .thinking("hmm\t\r\n"),
            .toolCall(id: nil, name: "Bash", input: nested), .toolCall(id: "toolu_1", name: "", input: .string("x")),
            .toolResult(id: "t", name: nil, output: .string("out"), isError: nil), .toolResult(id: nil, name: "Read", output: nested, isError: true),
            .toolResult(id: nil, name: nil, output: .null, isError: false), .json(nested), .json(.number("7")), .rawText("raw \u{7F} \u{2029}"),
        ]
        b += artifacts.map(ContentBlock.artifact)
        return b
    }

    static var events: [Event] {
        let times: [Timestamp?] = [nil, Timestamp(original: "2025-09-01T00:00:00.123Z", epochMilliseconds: 1_756_684_800_123),
                                   Timestamp(original: "yesterday", epochMilliseconds: nil), Timestamp(original: "-1", epochMilliseconds: -1)]
        let usages: [Usage?] = [nil, Usage(), Usage(inputTokens: 1, outputTokens: 0, cacheReadTokens: Int64.max, cacheWriteTokens: Int64.min)]
        var events: [Event] = []
        for (i, kind) in [EventKind.userMessage, .assistantMessage, .toolCall, .toolResult, .unknown].enumerated() {
            events.append(Event(id: i % 2 == 0 ? nil : "ev_\(i)\"", index: [0, 1, -7, Int.max, Int.min][i], kind: kind, platformType: "type \(i)",
                                createdAt: times[i % times.count], speaker: i == 3 ? nil : "speaker\n\(i)", blocks: i == 4 ? [] : blocks,
                                hidden: i % 2 == 1, hiddenReason: i == 1 ? "by the platform" : nil, model: i == 2 ? nil : "model-\(i)",
                                usage: usages[i % usages.count], requestID: i == 0 ? "req_1" : nil))
        }
        return events
    }

    /// Every event, then every artifact, one compact JSON document a line (JSONWriter escapes
    /// line breaks inside strings, so a line is a document).
    static func written() -> String {
        var out: [UInt8] = []
        for event in events {
            ModelJSONBytes.appendEvent(event, to: &out)
            out.append(0x0A)
        }
        for artifact in artifacts {
            ModelJSONBytes.appendArtifact(artifact, to: &out)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes equal `Golden/model-json.jsonl`, recorded from the tree writer that defined the
    /// archive's format version 1 (`JSONWriter.append(ModelJSON.event(e))`, since removed):
    /// archives written now are those written before. `CHRONICLE_RECORD_GOLDEN=1` re-records.
    @Test func eventsAndArtifactsAreTheRecordedBytes() throws {
        try expectGolden(Self.written(), named: "model-json.jsonl")
    }

    /// The archive's summary writes artifacts through ``ModelJSON/artifact(_:)``, its events and
    /// artifact list through ``ModelJSONBytes``: one object, the same bytes in both places.
    @Test func theSummarysArtifactsAreTheSameBytes() {
        for artifact in Self.artifacts {
            var expected: [UInt8] = []
            JSONWriter.append(ModelJSON.artifact(artifact), to: &expected)
            var written: [UInt8] = []
            ModelJSONBytes.appendArtifact(artifact, to: &written)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
        }
    }

    /// Each line is one JSON object to Foundation's parser, with the members the format names.
    @Test func eachLineIsJSONForAParserNotOurs() throws {
        let lines = Self.written().split(separator: "\n")
        #expect(lines.count == Self.events.count + Self.artifacts.count)
        for (i, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed]) as? [String: Any], "\(line)")
            let keys = i < Self.events.count
                ? ["index", "id", "kind", "platform_type", "created_at", "speaker", "hidden", "hidden_reason", "model", "request_id", "usage", "blocks"]
                : ["artifact_id", "name", "media_type", "size", "sha256", "path", "state", "problem"]
            #expect(Set(object.keys) == Set(keys), "\(line)")
        }
    }
}
