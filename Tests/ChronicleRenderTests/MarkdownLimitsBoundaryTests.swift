@testable import ChronicleMarkdown
import ChronicleTestSupport
import Testing

/// The Markdown size check passes over eight bytes at a time; at every alignment it must decide
/// as counting byte by byte does, on both sides of each limit.
@Suite struct MarkdownLimitsBoundaryTests {
    static func reference(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= MarkdownRenderer.maxMarkdownBytes else { return false }
        var lineStart = 0
        var pipes = 0
        for (i, b) in bytes.enumerated() {
            if b == 0x7C {
                pipes += 1
                if pipes > MarkdownRenderer.maxMarkdownLinePipes { return false }
            } else if b == 0x0A {
                if i - lineStart > MarkdownRenderer.maxMarkdownLineBytes { return false }
                lineStart = i + 1
                pipes = 0
            }
        }
        return bytes.count - lineStart <= MarkdownRenderer.maxMarkdownLineBytes
    }

    @Test func sameDecisionAtEveryAlignmentOnBothSidesOfTheLimits() {
        let pipes = MarkdownRenderer.maxMarkdownLinePipes
        let lineBytes = MarkdownRenderer.maxMarkdownLineBytes
        var decided = (renderable: 0, preformatted: 0)
        for prefix in 0..<9 {
            let lead = String(repeating: "a", count: prefix)
            var texts: [String] = []
            for extra in [-1, 0, 1] {
                texts.append(lead + String(repeating: "|", count: pipes + extra))  // pipes on the last line
                texts.append(lead + String(repeating: "|", count: pipes + extra) + "\nx|")  // then a new line resets the count
                texts.append(lead + "\n" + String(repeating: "b", count: lineBytes + extra - 1) + "\nshort")  // a long middle line
                texts.append(String(repeating: "c", count: lineBytes + extra - prefix) + lead)  // a long last line
                texts.append(lead + String(repeating: "|x", count: pipes / 2) + "\n" + String(repeating: "x|", count: pipes / 2 + extra))
            }
            for text in texts {
                let expected = Self.reference(text)
                #expect(MarkdownRenderer.isRenderable(text) == expected, "prefix \(prefix), \(text.utf8.count) bytes")
                if expected { decided.renderable += 1 } else { decided.preformatted += 1 }
            }
        }
        #expect(decided.renderable > 20 && decided.preformatted > 20, "both sides of the limits are reached")
    }

    @Test func sameDecisionOnGeneratedTexts() {
        var generator = SplitMix64(seed: 7)
        let pieces = ["|", "\n", "a", "ab|cd", String(repeating: "z", count: 1000), String(repeating: "|", count: 40), "é|\n", "日本"]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int.random(in: 0..<200, using: &generator) { text += pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            #expect(MarkdownRenderer.isRenderable(text) == Self.reference(text))
        }
    }
}
