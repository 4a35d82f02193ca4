@testable import ChronicleHTMLSafety
import Testing

/// A start tag recorded once (``SafeHTMLWriter/RecordedStartTag``) and written with its text by
/// ``SafeHTMLWriter/element(_:text:)`` gives what the allowlist writes for the same element,
/// attributes and text, wherever it is written: same bytes, same refusal where nesting or depth
/// refuses it, and the same text boundaries (a `\r` before it and a `\n` after it are not
/// merged into one line break, as an element between them keeps them apart).
@Suite("Recorded start tags")
struct RecordedStartTagTests {
    static let classes = ["hl-k", "hl-s", "hl-n", "hl-c", "hl-t", "hl-f", "hl-l", "hl-a", "code-lang"]
    static let content = "a<b & \"c\"\r\u{2028}\u{7}é"

    /// Opens `context` elements, writes text, the span either way, more text, and closes everything.
    static func written(context: [String], cls: String, recorded: Bool) -> ([UInt8], SafeHTMLWriter.Outcome) {
        var writer = SafeHTMLWriter(policy: .transcript)
        var opened = 0
        for name in context where writer.open(SafeHTMLWriter.Element(name)) == .written { opened += 1 }
        writer.text("x & y\r")
        let span = SafeHTMLWriter.Element("span")
        let outcome: SafeHTMLWriter.Outcome
        if recorded, let tag = SafeHTMLWriter.RecordedStartTag(span, attributes: ["class": cls]) {
            var content = Self.content
            let done = content.withUTF8 { writer.element(tag, text: $0) }
            if !done { writer.text(content) }
            outcome = done ? .written : .unwrapped
        } else {
            outcome = writer.open(span, attributes: ["class": cls])
            writer.text(Self.content)
            if outcome == .written { writer.close() }
        }
        writer.text("\n<z>")
        for _ in 0..<opened { writer.close() }
        return (writer.finish(), outcome)
    }

    @Test func sameBytesAndOutcomeAsTheAllowlistEverywhere() {
        let contexts: [[String]] = [
            [], ["pre", "code"], ["p"], ["a"], ["table"], ["table", "tr"], ["ul"], ["h1"], ["span"], ["em", "strong", "del"],
            Array(repeating: "div", count: 200), Array(repeating: "span", count: 300),
        ]
        var refused = 0
        for context in contexts {
            for cls in Self.classes {
                let generic = Self.written(context: context, cls: cls, recorded: false)
                let fast = Self.written(context: context, cls: cls, recorded: true)
                #expect(fast.0 == generic.0, "\(context.prefix(3))… \(cls)")
                #expect(fast.1 == generic.1, "\(context.prefix(3))… \(cls)")
                if generic.1 != .written { refused += 1 }
            }
        }
        #expect(refused > 0, "some context (the depth limit) refuses the span, and both ways agree on it")
    }

    /// ``SafeHTMLWriter/open(_:)-(RecordedStartTag)`` with content after it: the same bytes and
    /// outcome as opening the element with its attributes, in every context.
    @Test func openingARecordedTagIsOpeningTheElement() {
        let elements: [(String, [String: String])] = [
            ("td", [:]), ("td", ["align": "left"]), ("th", ["align": "center"]), ("th", ["align": "right"]), ("code", [:]),
            ("td", ["align": "justify"]), ("span", ["class": "hl-k"]),
        ]
        let contexts: [[String]] = [[], ["table"], ["table", "tr"], ["table", "thead", "tr"], ["p"], ["pre"], ["a"], Array(repeating: "div", count: 99)]
        var refused = 0
        var written = 0
        for context in contexts {
            for (name, attributes) in elements {
                func run(recorded: Bool) -> ([UInt8], SafeHTMLWriter.Outcome) {
                    var writer = SafeHTMLWriter(policy: .transcript)
                    var opened = 0
                    for outer in context where writer.open(SafeHTMLWriter.Element(outer)) == .written { opened += 1 }
                    writer.text("before\r")
                    let element = SafeHTMLWriter.Element(name)
                    let outcome: SafeHTMLWriter.Outcome
                    if recorded, let tag = SafeHTMLWriter.RecordedStartTag(element, attributes: attributes) {
                        outcome = writer.open(tag)
                    } else {
                        outcome = writer.open(element, attributes: attributes)
                    }
                    writer.text(Self.content)
                    if outcome == .written { writer.close() }
                    writer.text("\nafter")
                    for _ in 0..<opened { writer.close() }
                    return (writer.finish(), outcome)
                }
                let generic = run(recorded: false)
                let fast = run(recorded: true)
                #expect(fast.0 == generic.0, "\(context.prefix(3)) \(name) \(attributes)")
                #expect(fast.1 == generic.1, "\(context.prefix(3)) \(name) \(attributes)")
                if generic.1 == .written { written += 1 } else { refused += 1 }
            }
        }
        #expect(refused > 0 && written > 0)
    }

    @Test func onlyWhatTheAllowlistWritesCanBeRecorded() {
        #expect(SafeHTMLWriter.RecordedStartTag(SafeHTMLWriter.Element("script"), attributes: [:]) == nil)
        #expect(SafeHTMLWriter.RecordedStartTag(SafeHTMLWriter.Element("br"), attributes: [:]) == nil)  // void: nothing to close
        let evil = SafeHTMLWriter.RecordedStartTag(SafeHTMLWriter.Element("span"), attributes: ["class": "x", "onclick": "alert(1)"])
        var writer = SafeHTMLWriter(policy: .transcript)
        var text = "t"
        if let evil { #expect(text.withUTF8 { writer.element(evil, text: $0) }) }
        #expect(String(decoding: writer.finish(), as: UTF8.self) == "<span>t</span>")
    }
}
