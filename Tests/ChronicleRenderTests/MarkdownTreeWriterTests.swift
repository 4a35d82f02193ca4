import ChronicleHTMLSafety
@testable import ChronicleMarkdown
import ChronicleTestSupport
import Testing

/// The Markdown tree writer against the path it replaces: cmark-gfm's HTML, parsed by libxml2
/// and rebuilt by the sanitizer. Both must give the same bytes for every document; the writer
/// may decline a document (the sanitizer's path is then taken), but not the common ones.
@Suite("Markdown tree writer")
struct MarkdownTreeWriterTests {
    static let cases: [String] = [
        "plain", "", "   ", "\n\n\n", "a\nb\r\nc\rd", "one  \ntwo\\\nthree",
        "*em* **strong** ***both*** _u_ __uu__ ~~del~~ ~one~", "`code` `` a`b `` ` `",
        "# h1\n## h2\n### h3\n#### h4\n##### h5\n###### h6\n####### not", "Setext\n===\n\nTwo\n---",
        "> quote\n> > nested\n>\n> back", "- a\n- b\n  - c\n    - d\n- e", "1. one\n2. two\n\n   loose\n3. three",
        "7. seven\n8. eight", "0. zero", "123456789. big", "- [x] done\n- [ ] open\n- [X] upper\n  - [ ] nested",
        "* tight\n* list\n\n* now loose", "```\nfenced\n```", "```swift title=x\nlet a = \"<b>\" & 'c'\n```", "    indented\n    code\n",
        "~~~\nunterminated", "---\n***\n___", "<div>\n*raw* block\n</div>\n\nafter", "inline <b>raw</b> and <!-- c --> html",
        "<script>alert(1)</script>", "[link](http://a.example/p?q=1&r='2' \"Title & 'quotes' \\\"dq\\\"\")",
        "[rel](../../a b.png) [rel2](<a b>) [abs](/x) [proto](//evil.example) [bs](a\\\\b)",
        "[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [vb](vbscript:x) [file](file:///etc/passwd)",
        "[data](data:text/html,x) [img data](data:image/png;base64,iVBOR) ![svg](data:image/svg+xml,<svg/>)",
        "![alt *em* `code` <b>x</b>\nline](http://i.example/a.png \"t\")", "![](empty.png) ![a]()", "[![img](i.png)](http://l.example)",
        "[link **bold** ![i](x.png)](http://x.example)", "<http://auto.example/a?b=c&d> <mailto:a@b.example> a@b.example",
        "www.example.com/path?x=1 and https://example.org/ünï and http://例え.jp", "[ünïcödé](http://example.com/ä ö)",
        "[x](http://e.example/%41%zz) [y](http://e.example/\u{7F}) [z](mailto:me@example.com)",
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n| 5 | 6 | 7 | 8 |", "| h |\n|---|", "| x | y |\n| - | - |\n| `|` | \\| |",
        "- | t | u |\n  |---|---|\n  | 1 | 2 |", "> | q |\n> |---|\n> | 1 |", "text\n| a |\n|---|\n| b |",
        "&amp; &copy; &#0; &#x1F600; &nbsp; &bogus; &#xD800;", "nul\u{0}char \u{7} bell \u{1B}[31m \u{85} nel \u{2028} ls \u{2029} ps " + String(decoding: [0xEF, 0xB7, 0x90], as: UTF8.self) + " \u{FFFE} \u{10FFFF}",
        "tab\there", "emoji 🇩🇪 👩‍👩‍👧 é (e\u{301})", "\"quotes\" 'single' <angle> &amp",
        "[ref]\n\n[ref]: http://ref.example \"Ref title\"", "[^1]\n\n[^1]: not a footnote here", "Line with trailing spaces   ",
        "1) paren\n2) list", "+ plus\n+ list", "- \n  empty first line", "-\n-\n-", "> - a\n> - b\n>\n> 1. c",
        "* a\n\n  > quote in item\n\n  ```\n  code in item\n  ```\n* b", "- # heading in item\n- ---",
        "<table><tr><td>raw table</td></tr></table>", "<p>raw p</p>\n\n<a href=\"javascript:x\">raw a</a>",
        "**unclosed *em", "[unclosed link](", "![unclosed", "\\*escaped\\* \\<b\\> \\[x\\]",
        "a<br>b<br/>c", "<details><summary>s</summary>d</details>", "<!-- comment -->\n\ntext",
        "[title with newline](http://x.example \"line1\nline2\")", "[t](http://x.example 'single')", "[t](http://x.example (paren))",
        String(repeating: "> ", count: 40) + "deep quote", String(repeating: "*", count: 60) + "x" + String(repeating: "*", count: 60),
        (0..<30).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n"),
    ]

    static func compare(_ md: String) throws -> Bool {
        let expected = HTMLSanitizer.sanitize(try #require(MarkdownRenderer.html(md)))
        // Past the Markdown limits safeHTML shows the text preformatted (MarkdownLimitsTests);
        // the tree writer itself is still compared on such documents.
        if MarkdownRenderer.isRenderable(md) {
            #expect(Self.withoutHighlighting(MarkdownRenderer.safeHTML(md)) == expected, "\(md.prefix(200).debugDescription)")
        }
        guard let highlighted = MarkdownRenderer.treeHTML(md) else { return false }
        let tree = Self.withoutHighlighting(highlighted)
        #expect(tree == expected, "tree writer differs for \(md.debugDescription): \(Self.difference(tree, expected))")
        // What the highlighter adds survives the sanitizer unchanged.
        #expect(HTMLSanitizer.sanitize(highlighted) == highlighted, "\(md.prefix(200).debugDescription)")
        return true
    }

    /// The tree writer's output without what only it writes: a code block's language label and
    /// the highlighter's token spans (cmark-gfm's renderer writes neither; Markdown itself
    /// cannot make a span, its raw HTML being omitted).
    static func withoutHighlighting(_ html: String) -> String {
        var s = html
        while let open = s.range(of: "<span class=\"code-lang\">"), let close = s[open.upperBound...].range(of: "</span>") {
            s.removeSubrange(open.lowerBound..<close.upperBound)
        }
        for kind in CodeHighlighter.Kind.allCases { s = s.replacingOccurrences(of: "<span class=\"\(kind.rawValue)\">", with: "") }
        return s.replacingOccurrences(of: "</span>", with: "")
    }

    /// Where two outputs part, with some context.
    static func difference(_ a: String, _ b: String) -> String {
        let x = Array(a.utf8), y = Array(b.utf8)
        var i = 0
        while i < x.count && i < y.count && x[i] == y[i] { i += 1 }
        let from = max(0, i - 60)
        return "writer …\(String(decoding: x[from..<min(x.count, i + 60)], as: UTF8.self).debugDescription) sanitizer …\(String(decoding: y[from..<min(y.count, i + 60)], as: UTF8.self).debugDescription)"
    }

    /// Documents many times larger than a block of the per-thread parse arena (64 KiB): nodes,
    /// long literals and growing buffers span and outgrow blocks; the output must not change,
    /// and a small document parsed right after (on the reset arena) must not either.
    @Test func documentsLargerThanAnArenaBlockRenderTheSame() throws {
        let piece = Self.cases.joined(separator: "\n\n")
        let long = String(repeating: "word & <tag> ", count: 40_000)  // one 520 kB paragraph
        for md in [String(repeating: piece + "\n\n", count: 120), long, "```\n" + long + "\n```", "| a |\n|---|\n| " + long + " |"] {
            #expect(md.utf8.count > 4 * 64 * 1024)
            _ = try Self.compare(md)
            _ = try Self.compare("small *after* ~~large~~")
        }
    }

    /// The tree writer writes into the caller's buffer: after what is already there, and where
    /// it declines a document, the buffer is left as it was before the sanitizer's HTML follows.
    @Test func renderingAppendsAfterWhatTheBufferHolds() {
        let prefix = Array("<div class=\"before\">x</div>".utf8)
        var declined = 0
        // Nesting past the allowlist's depth: the tree writer gives up mid-document.
        for md in Self.cases + [String(repeating: "> ", count: 120) + "deep", String(repeating: "- ", count: 110) + "x"] {
            var out = prefix
            MarkdownRenderer.appendSafeHTML(md, to: &out)
            // What the renderer gives alone: the tree writer's HTML, or the sanitizer's where the
            // tree writer declines (and the preformatted text past the limits).
            let expected: String
            if !MarkdownRenderer.isRenderable(md) {
                expected = MarkdownRenderer.safeHTML(md)
            } else if let tree = MarkdownRenderer.treeHTML(md) {
                expected = tree
            } else {
                declined += 1
                expected = HTMLSanitizer.sanitize(MarkdownRenderer.html(md) ?? "")
            }
            #expect(Array(out.prefix(prefix.count)) == prefix)
            #expect(String(decoding: out.dropFirst(prefix.count), as: UTF8.self) == expected, "\(md.debugDescription)")
        }
        #expect(declined > 0, "some hand-picked document takes the sanitizer's path")
    }

    @Test func handPickedDocumentsGiveTheSanitizersHTML() throws {
        var declined: [String] = []
        for md in Self.cases where try !Self.compare(md) { declined.append(md) }
        // Only documents nested past the allowlist's depth may be declined.
        #expect(declined.allSatisfy { $0.hasPrefix("  ") || $0.hasPrefix("- level") || $0.hasPrefix("> > > ") }, "\(declined)")
    }

    @Test func injectionDocumentGivesTheSanitizersHTML() throws {
        #expect(try Self.compare(InjectionCorpus.markdown(port: 1)))
    }

    /// Documents stitched from pieces at random, so constructs meet in ways nobody listed.
    @Test func randomDocumentsGiveTheSanitizersHTML() throws {
        let pieces = Self.cases.filter { $0.utf8.count < 200 } + [
            "\n", "\n\n", "  ", "    ", "> ", "- ", "1. ", "| ", " |", "*", "_", "`", "[", "](", ")", "![", "<", ">", "&", "\\",
            "http://x.example", "www.y.example", "```", "~~", "---", "\t", "\r\n", "# ", "- [ ] ", "|---|", "\"", "'",
        ]
        var generator = SplitMix64(seed: 20261129)
        var taken = 0
        let total = 3000
        for _ in 0..<total {
            var md = ""
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                md += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            if try Self.compare(md) { taken += 1 }
        }
        #expect(taken * 10 >= total * 9, "the tree writer took only \(taken) of \(total) documents")
    }
}

/// cmark-gfm keeps its inline parser's special characters in a process-wide table that each
/// parse changes; exports render sessions in parallel, so parsing must not race.
@Suite("Markdown rendered in parallel")
struct MarkdownParallelTests {
    @Test func parallelRenderingGivesTheSameHTMLAsOneAtATime() async throws {
        let document = (0..<40).map { "~~gone \($0)~~ see www.example\($0).com and https://e.example/\($0)" }.joined(separator: "\n\n")
        let expected = MarkdownRenderer.safeHTML(document)
        #expect(expected.components(separatedBy: "<del>").count == 41)
        #expect(expected.components(separatedBy: "<a href=").count == 81)
        let differing = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var differing = 0
                    for _ in 0..<150 where MarkdownRenderer.safeHTML(document) != expected { differing += 1 }
                    return differing
                }
            }
            return await group.reduce(0, +)
        }
        #expect(differing == 0, "\(differing) of 1,200 parallel renderings lost strikethrough or autolinks")
    }
}
