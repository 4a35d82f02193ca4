import ChronicleCore
import ChronicleJSON
@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

/// ``EventHTMLWriter`` must write the very bytes the embedded templates render through Mustache:
/// the same transcripts, rendered both ways, over events that use every branch of the `event`,
/// `block`, `artifact` and `time` templates with hostile text in every field.
@Suite("Native event rendering")
struct EventHTMLWriterTests {
    /// The embedded templates, with the event templates forced through Mustache.
    static func mustacheOnly() throws -> TemplateSet {
        let set = try TemplateSet(files: EmbeddedTemplates.files, overridden: ["event.mustache"], origin: { $0 })
        #expect(!set.rendersEventsNatively)
        return set
    }

    @Test(arguments: ["UTC", "Asia/Kolkata"])
    func sameBytesAsTheTemplates(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let nativeOptions = RenderOptions(templates: .embedded, timeZone: timeZone, software: "chronicle test")
        let templateOptions = RenderOptions(templates: try Self.mustacheOnly(), timeZone: timeZone, software: "chronicle test")
        #expect(nativeOptions.templates.rendersEventsNatively)

        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let events = Self.events(count: 300, seed: 0xE7E7)
        for (name, mode) in [("linked", ArtifactMode?.none), ("embedded", ArtifactMode.embedded(dataDirectory: tmp.path, budgetBytes: 1 << 20))] {
            let nativePath = tmp.path + "/\(name)-native.html"
            let templatePath = tmp.path + "/\(name)-mustache.html"
            let native = try TranscriptWriter(path: nativePath, options: nativeOptions, artifactMode: mode)
            let template = try TranscriptWriter(path: templatePath, options: templateOptions, artifactMode: mode)
            for event in events {
                try native.append(event)
                try template.append(event)
            }
            let session = Session(id: "s-1", agentID: "agt-1", title: "Differential")
            let source = SourceDescriptor(name: "test", platform: .vectara, baseURL: "file:/x")
            native.syncOnFinish = false
            for writer in [native, template] {
                try writer.finish(session: session, source: source, totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: [])
            }
            let a = try Data(contentsOf: URL(fileURLWithPath: nativePath))
            let b = try Data(contentsOf: URL(fileURLWithPath: templatePath))
            #expect(a.count > 100_000, "the events rendered (\(a.count) bytes)")
            if let difference = Self.difference(a, b) { Issue.record("\(name): \(difference)") }
            // The templates' contexts also redact values a template does not show (a hidden
            // reason of a visible event); the native writer counts only what the page shows.
            for (rule, count) in native.redactions.byRule {
                #expect(count <= template.redactions.byRule[rule] ?? 0, "\(rule)")
            }
            #expect(native.redactions.byRule.keys.sorted() == template.redactions.byRule.keys.sorted())
            #expect(native.redactions.total > 0, "the hostile texts carry secrets to redact")
        }
    }

    /// Where a native page and a Mustache page part, with 200 bytes of context; `nil` if equal.
    static func difference(_ native: Data, _ mustache: Data) -> String? {
        guard native != mustache else { return nil }
        let prefix = zip(native, mustache).prefix(while: { $0 == $1 }).count
        let from = max(0, prefix - 200)
        return """
            native and Mustache differ at byte \(prefix) of \(native.count) / \(mustache.count)
            native:   \(String(decoding: native[from..<min(native.count, prefix + 200)], as: UTF8.self))
            mustache: \(String(decoding: mustache[from..<min(mustache.count, prefix + 200)], as: UTF8.self))
            """
    }

    /// A quote or bracket followed by a combining mark is one grapheme to Swift; it must still be
    /// escaped (the templates' escaping works on bytes, not graphemes).
    @Test func combiningMarksDoNotHideMarkup() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        for templates in [TemplateSet.embedded, try Self.mustacheOnly()] {
            let path = tmp.path + "/\(templates.rendersEventsNatively).html"
            let writer = try TranscriptWriter(path: path, options: RenderOptions(templates: templates))
            let name = "x\"\u{301} onmouseover=alert(1) <\u{301}b>"
            let ref = ArtifactReference(artifactID: "a1", name: name, mediaType: "image/png", size: 10, sha256: String(repeating: "a", count: 64),
                                        storedPath: "artifacts/" + String(repeating: "a", count: 64) + ".png", state: .stored)
            try writer.append(Event(id: "e1", index: 0, kind: .artifact, platformType: "artifact", speaker: name, blocks: [.artifact(ref), .rawText(name)]))
            try writer.finish(session: Session(id: "s", agentID: "a"), source: SourceDescriptor(name: "t", platform: .vectara, baseURL: "file:/x"), totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: [])
            let page = try String(contentsOfFile: path, encoding: .utf8)
            let rawQuote = "\"\u{301}", rawBracket = "<\u{301}", escaped = "&quot;\u{301} onmouseover=alert(1) &lt;\u{301}b&gt;"
            #expect(!page.contains(rawQuote), "native: \(templates.rendersEventsNatively)")
            #expect(!page.contains(rawBracket), "native: \(templates.rendersEventsNatively)")
            #expect(page.contains(escaped))
        }
    }

    /// A transcript longer than the in-memory threshold goes through the body file: every event
    /// arrives once, in order, and no temporary file is left.
    @Test func longTranscriptSpillsToDiskAndKeepsEveryEvent() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = tmp.path + "/transcript.html"
        let writer = try TranscriptWriter(path: path)
        // Enough events for the body to spill to disk more than twice.
        let count = 3 * TranscriptWriter.spillThreshold / 400
        for i in 0..<count {
            try writer.append(Event(id: "e\(i)", index: i, kind: .toolResult, platformType: "t", blocks: [.rawText("marker-\(i)-" + String(repeating: "x", count: 400))]))
        }
        try writer.finish(session: Session(id: "s", agentID: "a"), source: SourceDescriptor(name: "t", platform: .vectara, baseURL: "file:/x"), totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: [])
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.utf8.count > 2 * TranscriptWriter.spillThreshold)
        // Each marker after the one before, searched in the bytes (a Foundation search of the
        // rest of the page per event took minutes).
        let bytes = Array(page.utf8)
        var from = 0
        for i in 0..<count {
            guard let found = bytes[from...].firstRange(of: Array("<pre>marker-\(i)-".utf8)) else {
                Issue.record("event \(i) missing or out of order")
                return
            }
            from = found.upperBound
        }
        #expect(!page.contains("<pre>marker-\(count)-"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["transcript.html"])
    }

    // MARK: Generated events

    static let hostile: [String] = [
        "plain words", "", " ", "<script>alert(1)</script>", "a & b < c > d \" e ' f", "\"\u{301}<\u{338}>\u{20DD}&\u{301}",
        "line\r\nbreak\rcarriage\u{2028}sep\u{2029}para", "ctrl\u{0}\u{7}\u{1B}[31m\u{7F}\u{85}\u{9F}", "nonchar " + String(decoding: [0xEF, 0xB7, 0x90, 0xEF, 0xBF, 0xBE, 0xF0, 0x9F, 0xBF, 0xBF], as: UTF8.self),  // U+FDD0, U+FFFE, U+1FFFF
        "emoji 👩‍👩‍👧 flags 🇫🇷 é e\u{301} 中文 العربية", "{{x}} {{{y}}} {{> event}}", "key sk-ant-api03-" + String(repeating: "A", count: 40),
        "token ghp_" + String(repeating: "b", count: 36), "mail someone@example.com and AKIA" + String(repeating: "Q", count: 16),
        "**bold** _it_ `code` [link](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    ]

    /// Over the 16 KiB at which texts are collapsed.
    static let longText = String(repeating: "long text with <tags> & secrets sk-ant-api03-" + String(repeating: "Z", count: 40) + " ", count: 250)

    static func events(count: Int, seed: UInt64) -> [Event] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func text() -> String { rng.next() % 40 == 0 ? longText : pick(hostile) }
        func short() -> String { pick(hostile) }
        func maybe(_ s: @autoclosure () -> String) -> String? { rng.next() % 3 == 0 ? nil : s() }
        func json(_ depth: Int = 0) -> JSONValue {
            switch rng.next() % (depth > 2 ? 4 : 6) {
            case 0: return .string(text())
            case 1: return .number(pick(["0", "-1.5e300", "12345678901234567890123", "1.10"]))
            case 2: return .bool(rng.next() % 2 == 0)
            case 3: return .null
            case 4: return .array((0..<Int(rng.next() % 4)).map { _ in json(depth + 1) })
            default: return .object((0..<Int(rng.next() % 4)).map { _ in .init(short(), json(depth + 1)) })
            }
        }
        func artifact() -> ArtifactReference {
            let sha = String(repeating: pick(["a", "0", "f"]), count: 64)
            return ArtifactReference(
                artifactID: maybe(text()), name: maybe(text()), mediaType: pick([nil, "image/png", "image/svg+xml", "text/plain", "IMAGE/JPEG", text()]),
                size: pick([nil, 0, 1, 1023, 5_000_000, Int64.max]), sha256: pick([nil, sha]),
                storedPath: pick([nil, "artifacts/\(sha).png", "artifacts/\(sha).txt", "../etc/passwd", text()]),
                state: pick([.stored, .missing, .invalid, .notFetched]), problem: maybe(text())
            )
        }
        func block() -> ContentBlock {
            switch rng.next() % 8 {
            case 0: return .text(text(), markdown: false)
            case 1: return .text(text(), markdown: true)
            case 2: return .thinking(text())
            case 3: return .toolCall(id: maybe(text()), name: text(), input: json())
            case 4:
                let output: JSONValue = rng.next() % 2 == 0 ? .string(pick([text(), "{\"a\": [1, 2]}", " [\"x\"]", "{broken"])) : json()
                return .toolResult(id: maybe(text()), name: maybe(text()), output: output, isError: pick([nil, true, false]))
            case 5: return .artifact(artifact())
            case 6: return .json(rng.next() % 5 == 0 ? .array((0..<3000).map { _ in .string(short()) }) : json())
            default: return .rawText(rng.next() % 4 == 0 ? String(repeating: short() + "\n", count: 200) : text())
            }
        }
        let kinds: [EventKind] = [.userMessage, .assistantMessage, .systemMessage, .thinking, .toolCall, .toolResult, .artifact, .status, .error, .unknown]
        return (0..<count).map { i in
            let usage: Usage? = pick([
                nil, Usage(), Usage(inputTokens: 12, outputTokens: 1_234_567),
                Usage(inputTokens: 1, outputTokens: 2, cacheReadTokens: 3, cacheWriteTokens: Int64.max),
            ])
            let time: Timestamp? = pick([
                nil, Timestamp(original: "2026-11-20T10:00:00.123Z", epochMilliseconds: 1_795_168_800_123),
                Timestamp(original: "2026-11-20T10:00:00Z", epochMilliseconds: 1_795_168_800_000), Timestamp(original: text(), epochMilliseconds: nil),
            ])
            return Event(
                id: "e\(i)", index: pick([i, -i, Int.max]), kind: pick(kinds), platformType: text(), createdAt: time, speaker: maybe(text()),
                blocks: (0..<Int(rng.next() % 4)).map { _ in block() }, hidden: rng.next() % 5 == 0, hiddenReason: maybe(text()),
                model: maybe(text()), usage: usage
            )
        }
    }
}
