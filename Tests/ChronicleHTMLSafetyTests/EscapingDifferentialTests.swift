import ChronicleHTMLSafety
import ChronicleTestSupport
import Testing

/// The escaper skips eight ordinary bytes at a time; it must give what the rules give scalar by
/// scalar, wherever the characters needing attention fall relative to the eight-byte words.
@Suite("Escaping, word at a time against scalar at a time")
struct EscapingDifferentialTests {
    /// The documented rules, one scalar at a time (see `HTMLCharacterFilter`).
    static func reference(_ s: String, escapeMarkup: Bool, attribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(s.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            let v = c.value
            if v == 0x0D {
                out.append("\n")
                if scalars.first == "\n" { scalars.removeFirst() }
                continue
            }
            if v == 0x2028 || v == 0x2029 { out.append("\n"); continue }
            if v < 0x20 && v != 0x09 && v != 0x0A { continue }
            if (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { continue }
            switch c {
            case "&" where escapeMarkup: out.append(contentsOf: "&amp;".unicodeScalars)
            case "<" where escapeMarkup: out.append(contentsOf: "&lt;".unicodeScalars)
            case ">" where escapeMarkup: out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where escapeMarkup: out.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where attribute: out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    static let pieces: [String] = [
        "a", "plain text ", "0123456789abcdef", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{7}", "\u{1F}",
        "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "é", "日本語", "\u{2028}", "\u{2029}", "\u{2027}", scalar(0xFDD0), scalar(0xFDEF), "\u{FDF0}",
        "\u{FFFD}", "\u{1F600}", scalar(0xFFFE), scalar(0x1FFFF), scalar(0x10FFFF), "x<y>&\"z'", "        ",
    ]

    /// A scalar Swift takes no literal of (the noncharacters).
    static func scalar(_ value: UInt32) -> String {
        Unicode.Scalar(value).map { String(Character($0)) } ?? ""
    }

    @Test func sameOutputOnGeneratedTexts() {
        var generator = SplitMix64(seed: 18)
        var checked = 0
        var bytes = 0
        for _ in 0..<4_000 {
            var s = ""
            for _ in 0..<Int.random(in: 0..<40, using: &generator) {
                s += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
            }
            #expect(HTMLSanitizer.escapeText(s) == Self.reference(s, escapeMarkup: true, attribute: false), "\(Array(s.utf8))")
            #expect(HTMLSanitizer.escapeAttribute(s) == Self.reference(s, escapeMarkup: true, attribute: true), "\(Array(s.utf8))")
            #expect(HTMLSanitizer.cleanText(s) == Self.reference(s, escapeMarkup: false, attribute: false), "\(Array(s.utf8))")
            checked += 1
            bytes += s.utf8.count
        }
        #expect(checked == 4_000 && bytes > 200_000)
    }

    /// Texts of many kilobytes, dense with escapes and with ordinary runs longer than the
    /// escaper's stage (``ByteStage``, 1 KiB): the pieces are put together and flushed across its
    /// edges, and a run longer than half of it goes to the output directly.
    @Test func sameOutputOnTextsLongerThanTheStage() {
        var generator = SplitMix64(seed: 19)
        let longRuns = [String(repeating: "ordinary ", count: 300), String(repeating: "x", count: 511), String(repeating: "y", count: 513), String(repeating: "z", count: 1_025)]
        var bytes = 0
        for round in 0..<120 {
            var s = ""
            for _ in 0..<Int.random(in: 200..<2_000, using: &generator) {
                s += round % 3 == 0 && Int.random(in: 0..<40, using: &generator) == 0
                    ? longRuns[Int.random(in: 0..<longRuns.count, using: &generator)]
                    : Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)]
            }
            #expect(HTMLSanitizer.escapeText(s) == Self.reference(s, escapeMarkup: true, attribute: false), "round \(round)")
            #expect(HTMLSanitizer.escapeAttribute(s) == Self.reference(s, escapeMarkup: true, attribute: true), "round \(round)")
            #expect(HTMLSanitizer.cleanText(s) == Self.reference(s, escapeMarkup: false, attribute: false), "round \(round)")
            bytes += s.utf8.count
        }
        #expect(bytes > 1_000_000)
    }

    /// Each special character at every offset of a long ordinary run: inside a word, on its
    /// first and last byte, across two words, and in the tail shorter than a word.
    @Test func everySpecialCharacterAtEveryOffset() {
        let run = String(repeating: "abcdefgh", count: 4)
        for special in ["&", "<", ">", "\"", "'", "\u{7}", "\u{7F}", "\r\n", "\u{2028}", Self.scalar(0xFFFE), "é", "\t"] {
            for offset in 0...run.count {
                let s = String(run.prefix(offset)) + special + String(run.dropFirst(offset))
                #expect(HTMLSanitizer.escapeText(s) == Self.reference(s, escapeMarkup: true, attribute: false), "\(special) at \(offset)")
                #expect(HTMLSanitizer.escapeAttribute(s) == Self.reference(s, escapeMarkup: true, attribute: true), "\(special) at \(offset)")
                #expect(HTMLSanitizer.cleanText(s) == Self.reference(s, escapeMarkup: false, attribute: false), "\(special) at \(offset)")
            }
        }
    }
}
