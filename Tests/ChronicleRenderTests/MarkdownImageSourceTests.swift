import ChronicleMarkdown
import Testing

/// A Markdown image loads only the bag's own artifacts. Remote images were written as
/// `<img src="https://…">` (blocked by the page's CSP, but loaded by mail clients and PDF
/// converters), and absolute or climbing paths loaded local files on `file://` pages.
@Suite struct MarkdownImageSourceTests {
    static let artifact = "../../artifacts/" + String(repeating: "0123456789abcdef", count: 4) + ".png"

    @Test(arguments: [
        "https://tracker.example/pixel.png", "http://example.com/a.png", "/etc/hostname", "../../../../etc/passwd",
        "x.png", "artifacts/not-a-digest.png", "../../artifacts/" + String(repeating: "A", count: 64) + ".png",
    ])
    func anImageFromElsewhereBecomesALink(_ source: String) {
        let html = MarkdownRenderer.safeHTML("see ![the chart](\(source)) here")
        #expect(!html.contains("<img"), "\(source): \(html)")
        #expect(html.contains("<a href=\"\(source)\" rel=\"noopener noreferrer nofollow\">the chart</a>"), "\(source): \(html)")
    }

    @Test func theBagsOwnArtifactIsShown() {
        let html = MarkdownRenderer.safeHTML("![chart](\(Self.artifact))")
        #expect(html == "<p><img src=\"\(Self.artifact)\" alt=\"chart\"></p>\n")
    }

    @Test func anImageInsideALinkBecomesItsText() {
        let html = MarkdownRenderer.safeHTML("[![logo](https://cdn.example/l.png)](https://example.com)")
        #expect(!html.contains("<img"))
        #expect(html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">logo</a>"))
    }
}
