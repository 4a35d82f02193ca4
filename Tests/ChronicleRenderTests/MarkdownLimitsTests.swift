import ChronicleMarkdown
import Foundation
import Testing

/// Texts past the Markdown limits are shown preformatted: cmark-gfm amplified 16 MB of `[` to
/// 4.2 GB of memory and took 18 s over a 1 MB table row. The time limits only guard against
/// "never ends"; memory stays bounded because such text never reaches cmark-gfm.
@Suite struct MarkdownLimitsTests {
    @Test(.timeLimit(.minutes(1))) func sixteenMegabytesOfBracketsArePreformatted() {
        let text = String(repeating: "[", count: 16 << 20)
        let html = MarkdownRenderer.safeHTML(text)
        #expect(html.hasPrefix("<pre class=\"long-text\">[[[["))
        #expect(html.hasSuffix("[[[</pre>"))
        #expect(html.utf8.count == text.utf8.count + "<pre class=\"long-text\"></pre>".utf8.count)
    }

    @Test(.timeLimit(.minutes(1))) func aMegabyteTableRowIsPreformattedAndEscaped() {
        let row = "|" + String(repeating: " a<b> |", count: (1 << 20) / 7)
        let html = MarkdownRenderer.safeHTML("| h |\n|---|\n" + row)
        #expect(html.hasPrefix("<pre class=\"long-text\">| h |\n|---|\n| a&lt;b&gt; |"))
        #expect(!html.contains("<table>"))
    }

    /// Found by the pathological benchmark (chronicle-pathological-bench): within the byte
    /// limits, 128 KB of table rows of 32 KB of `|a` took cmark-gfm 2.1 s of CPU.
    @Test func aRowOfTooManyCellsIsPreformatted() {
        let row = String(repeating: "|a", count: MarkdownRenderer.maxMarkdownLinePipes) + "|"
        let table = "| h |\n|---|\n" + row
        #expect(row.utf8.count < MarkdownRenderer.maxMarkdownLineBytes)
        let html = MarkdownRenderer.safeHTML(table)
        #expect(html.hasPrefix("<pre class=\"long-text\">| h |"))
        #expect(!html.contains("<table>"))
        // One cell fewer is still a table.
        #expect(MarkdownRenderer.safeHTML("| h |\n|---|\n" + row.dropFirst(2)).contains("<table>"))
    }

    @Test func textsWithinTheLimitsAreStillMarkdown() {
        let row = "| " + String(repeating: "x", count: MarkdownRenderer.maxMarkdownLineBytes - 4) + " |"
        #expect(MarkdownRenderer.safeHTML("| h |\n|---|\n" + row).contains("<table>"))
        let lines = Array(repeating: String(repeating: "w ", count: 400), count: 150).joined(separator: "\n")
        #expect(lines.utf8.count > 100_000 && lines.utf8.count <= MarkdownRenderer.maxMarkdownBytes)
        #expect(MarkdownRenderer.safeHTML(lines).hasPrefix("<p>"))
    }
}
