import ChronicleHTMLSafety
import Testing

@Suite("Injection corpus")
struct InjectionTests {
    @Test("Hostile input is neutralised", arguments: TestCorpus.injections)
    func hostileInputIsNeutralised(_ input: String) throws {
        let output = HTMLSanitizer.sanitize(input)
        try TestCorpus.expectSafe(output, input: input)
    }

    @Test("Hostile input is neutralised even with data images allowed", arguments: TestCorpus.injections)
    func hostileInputWithDataImagesAllowed(_ input: String) throws {
        let output = HTMLSanitizer.sanitize(input, policy: HTMLSanitizerPolicy(allowDataImages: true))
        try TestCorpus.expectSafe(output, input: input)
    }

    @Test func scriptIsDroppedWithContent() {
        #expect(HTMLSanitizer.sanitize("a<script>alert(1)</script>b") == "ab")
        #expect(HTMLSanitizer.sanitize("<style>p{}</style>x") == "x")
        #expect(HTMLSanitizer.sanitize("<noscript><p>n</p></noscript>x") == "x")
        #expect(HTMLSanitizer.sanitize("<textarea><p>t</p></textarea>x") == "x")
        #expect(HTMLSanitizer.sanitize("<svg><text>s</text></svg>x") == "x")
        #expect(HTMLSanitizer.sanitize("<math><mi>m</mi></math>x") == "x")
        #expect(HTMLSanitizer.sanitize("<form><p>f</p><button>b</button></form>x") == "x")
    }

    @Test func eventHandlersAndForbiddenAttributesAreRemoved() {
        #expect(HTMLSanitizer.sanitize("<img src=x onerror=alert(1)>") == "<a href=\"x\" rel=\"noopener noreferrer nofollow\">x</a>")
        #expect(HTMLSanitizer.sanitize("<img src=artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png onerror=alert(1)>") == "<img src=\"artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png\">")
        #expect(HTMLSanitizer.sanitize("<p onclick=\"a()\" id=\"x\" name=\"y\" class=\"z\" style=\"color:red\">p</p>") == "<p>p</p>")
        #expect(HTMLSanitizer.sanitize("<div style=\"background:url(javascript:alert(1))\">d</div>") == "<div>d</div>")
    }

    @Test func javascriptURLVariantsAreDropped() {
        let variants = [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
            "java\tscript:alert(1)", "java&#x09;script:alert(1)", "java\nscript:alert(1)", " javascript:alert(1)",
            "\u{1}javascript:alert(1)", "java\u{0}script:alert(1)", "vbscript:x", "data:text/html;base64,PHNjcmlwdD4=",
            "//evil.com", "\\\\evil.com", "/\\evil.com", "ftp://x", "file:///etc/passwd",
        ]
        for href in variants {
            #expect(HTMLSanitizer.sanitize("<a href=\"\(href)\">x</a>") == "<a>x</a>", "\(href.debugDescription)")
        }
    }

    @Test func commentsCDATAAndProcessingInstructionsVanish() throws {
        #expect(HTMLSanitizer.sanitize("a<!-- <script>alert(1)</script> -->b") == "ab")
        #expect(HTMLSanitizer.sanitize("a<?php echo 1; ?>b") == "ab")
        let cdata = HTMLSanitizer.sanitize("a<![CDATA[<script>alert(1)</script>]]>b")
        try TestCorpus.expectSafe(cdata, input: "CDATA")
        #expect(!cdata.contains("<!"))
    }

    @Test func templateSyntaxSurvivesAsLiteralText() {
        for text in TestCorpus.literalText {
            #expect(HTMLSanitizer.sanitize(text) == HTMLSanitizer.escapeText(text))
            #expect(HTMLSanitizer.sanitize("<p>\(text)</p>") == "<p>\(HTMLSanitizer.escapeText(text))</p>")
        }
        #expect(HTMLSanitizer.sanitize("{{x}} and {{{x}}}") == "{{x}} and {{{x}}}")
    }

    @Test func svgDataImagesAreNeverAllowed() {
        let svg = "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\" alt=\"a\">"
        #expect(HTMLSanitizer.sanitize(svg) == "a")
        #expect(HTMLSanitizer.sanitize(svg, policy: HTMLSanitizerPolicy(allowDataImages: true)) == "a")
    }

    @Test func rasterDataImagesOnlyWhenPolicyAllows() {
        let png = "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"
        #expect(HTMLSanitizer.sanitize(png) == "")
        #expect(HTMLSanitizer.sanitize(png, policy: HTMLSanitizerPolicy(allowDataImages: true)) == png)
        // Never in links, never with a non-base64 payload.
        #expect(!HTMLSanitizer.sanitize("<a href=\"data:image/png;base64,iVBORw0KGgo=\">x</a>", policy: HTMLSanitizerPolicy(allowDataImages: true)).contains("data:"))
        #expect(HTMLSanitizer.sanitize("<img src=\"data:image/png;base64,<x>\">", policy: HTMLSanitizerPolicy(allowDataImages: true)) == "")
    }

    @Test func deeplyNestedInputIsBounded() {
        let depth = 10_000
        let input = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let output = HTMLSanitizer.sanitize(input)
        let opened = occurrences(of: "<div>", in: output)
        #expect(opened <= 100)
        #expect(occurrences(of: "</div>", in: output) == opened)
        #expect(output.utf8.count < 2_000)
        #expect(HTMLSanitizer.sanitize(output) == output)
    }

    @Test func deeplyNestedMixedInputIsBounded() {
        let input = String(repeating: "<blockquote><ul><li><span><b>", count: 3_000) + "x"
        let output = HTMLSanitizer.sanitize(input)
        #expect(occurrences(of: "<blockquote>", in: output) <= 100)
        #expect(HTMLSanitizer.sanitize(output) == output)
    }

    private func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.ranges(of: needle).count
    }
}
