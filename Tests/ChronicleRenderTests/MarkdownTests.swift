import ChronicleHTMLSafety
import ChronicleMarkdown
import ChronicleTestSupport
import Testing

@Suite("Markdown")
struct MarkdownTests {
    func render(_ md: String) throws -> String {
        HTMLSanitizer.sanitize(try #require(MarkdownRenderer.html(md)))
    }

    @Test func githubExtensions() throws {
        let html = try render("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~gone~~ www.example.com\n\n- [x] done\n- [ ] open\n")
        #expect(html.contains("<table>") && html.contains("<th>a</th>") && html.contains("<td>1</td>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\""))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("disabled"))
    }

    @Test func codeBlocksKeepWhitespace() throws {
        let html = try render("```swift\nlet  x =\n\t1\n```\n")
        #expect(html.contains("<pre class=\"language-swift\"><code>let  x =\n\t1\n</code></pre>"))
        // Highlighted, the same whitespace between the tokens.
        #expect(MarkdownRenderer.safeHTML("```swift\nlet  x =\n\t1\n```\n").contains("<code><span class=\"hl-k\">let</span>  x =\n\t<span class=\"hl-n\">1</span>\n</code></pre>"))
    }

    @Test func rawHTMLIsNotPassedThrough() throws {
        let html = try render("hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n<iframe src=//e></iframe>")
        #expect(!html.contains("<script") && !html.contains("onerror") && !html.contains("<iframe") && !html.contains("javascript:"))
    }

    @Test func sanitizingTwiceGivesTheSameOutput() throws {
        let html = try render(InjectionCorpus.markdown(port: 1))
        #expect(HTMLSanitizer.sanitize(html) == html)
    }
}
