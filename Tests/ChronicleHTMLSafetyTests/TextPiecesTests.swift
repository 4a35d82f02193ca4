import ChronicleHTMLSafety
import ChronicleTestSupport
import Testing

/// Text given to the writer in pieces is written as the same text given whole: a piece is
/// escaped at once unless it ends in `\r` (which a `\n` at the start of the next piece joins into
/// one line break), so where a text is cut never shows in the HTML.
@Suite("Text in pieces")
struct TextPiecesTests {
    static let pieces = ["a", "plain ", "\r", "\n", "\r\n", "&<>\"'", "é", "\u{2028}", "\u{7}", "\u{85}", "日本", "x\r", "\ny"]

    @Test func piecesGiveWhatTheWholeTextGives() {
        var generator = SplitMix64(seed: 0x7E47)
        for _ in 0..<3_000 {
            var parts: [String] = []
            for _ in 0..<Int.random(in: 1..<12, using: &generator) {
                parts.append(Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)])
            }
            var whole = SafeHTMLWriter()
            _ = whole.open(SafeHTMLWriter.Element("p"))
            whole.text(parts.joined())
            whole.close()
            var cut = SafeHTMLWriter()
            _ = cut.open(SafeHTMLWriter.Element("p"))
            for (k, part) in parts.enumerated() {
                if k % 2 == 0 {
                    cut.text(part)
                } else {
                    var bytes = Array(part.utf8)
                    bytes.withUnsafeMutableBufferPointer { cut.text(utf8: UnsafeBufferPointer($0)) }
                }
            }
            cut.close()
            #expect(cut.finish() == whole.finish(), "\(parts)")
        }
    }
}
