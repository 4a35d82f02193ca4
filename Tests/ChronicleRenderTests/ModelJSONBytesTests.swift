import ChronicleCore
import ChronicleJSON
@testable import ChronicleRender
import Testing

/// The archive writes events and artifacts with ``ModelJSONBytes`` (no JSONValue tree): its
/// bytes must be exactly those of `JSONWriter.append(ModelJSON.event(e))`, the definition, for
/// every kind of block, every optional present and absent, and integers at their edges.
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

    @Test func eventsAreTheBytesOfTheTree() {
        for event in Self.events {
            var expected: [UInt8] = []
            JSONWriter.append(ModelJSON.event(event), to: &expected)
            var written: [UInt8] = [0x5B]
            ModelJSONBytes.appendEvent(event, to: &written)
            #expect(written == [0x5B] + expected, "\(String(decoding: written, as: UTF8.self))")
        }
    }

    @Test func artifactsAreTheBytesOfTheTree() {
        for artifact in Self.artifacts {
            var expected: [UInt8] = []
            JSONWriter.append(ModelJSON.artifact(artifact), to: &expected)
            var written: [UInt8] = []
            ModelJSONBytes.appendArtifact(artifact, to: &written)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
        }
    }
}
