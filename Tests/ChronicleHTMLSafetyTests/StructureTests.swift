import ChronicleHTMLSafety
import Testing

@Suite("Structure preservation")
struct StructureTests {
    @Test func gfmFragmentKeepsItsStructure() {
        #expect(HTMLSanitizer.sanitize(TestCorpus.gfmFragment) == TestCorpus.gfmExpected)
    }

    @Test func unicodeTextIsPreserved() {
        let text = "emoji 👩‍💻🎉🇺🇦, CJK 日本語 漢字 한국어, RTL עברית العربية \u{200F}x, combining e\u{301}"
        #expect(HTMLSanitizer.sanitize("<p>\(text)</p>") == "<p>\(text)</p>")
        #expect(HTMLSanitizer.sanitize(text) == text)
    }

    @Test func detailsAndDefinitionListsSurvive() {
        let input = "<details><summary>More</summary><dl><dt>term</dt><dd>def</dd></dl></details>"
        #expect(HTMLSanitizer.sanitize(input) == input)
    }

    @Test func unknownElementsAreUnwrapped() {
        #expect(HTMLSanitizer.sanitize("<custom-tag>hello <b>world</b></custom-tag>") == "hello world")
        #expect(HTMLSanitizer.sanitize("<font color=red>red</font> <u>u</u>") == "red u")
    }

    @Test func attributesAreFilteredAndOrdered() {
        let png = "artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png"
        #expect(HTMLSanitizer.sanitize("<img height=2 alt=a src=\(png) width=1 title=t class=c>")
            == "<img src=\"\(png)\" alt=\"a\" title=\"t\" width=\"1\" height=\"2\">")
        #expect(HTMLSanitizer.sanitize("<img src=\(png) width=100% height=\"1e9\">") == "<img src=\"\(png)\">")
        #expect(HTMLSanitizer.sanitize("<a title=t href=\"https://e.com\" target=_blank rel=opener>l</a>")
            == "<a href=\"https://e.com\" title=\"t\" rel=\"noopener noreferrer nofollow\">l</a>")
        #expect(HTMLSanitizer.sanitize("<table><tr><td align=CENTER>c</td><th align=justify>h</th></tr></table>")
            == "<table><tr><td class=\"align-center\">c</td><th>h</th></tr></table>")
        #expect(HTMLSanitizer.sanitize("<ol start=\"5\"><li>x</li></ol>") == "<ol start=\"5\"><li>x</li></ol>")
        #expect(HTMLSanitizer.sanitize("<ol start=\"-1\"><li>x</li></ol>") == "<ol><li>x</li></ol>")
    }

    @Test func languageClassIsTheOnlyClass() {
        #expect(HTMLSanitizer.sanitize("<pre class=\"language-c++\"><code class=\"language-objective_c\">x</code></pre>")
            == "<pre class=\"language-c++\"><code class=\"language-objective_c\">x</code></pre>")
        #expect(HTMLSanitizer.sanitize("<code class=\"language-swift evil\">x</code>") == "<code>x</code>")
        #expect(HTMLSanitizer.sanitize("<code class=\"lang-swift\">x</code>") == "<code>x</code>")
        #expect(HTMLSanitizer.sanitize("<span class=\"language-swift\">x</span>") == "<span>x</span>")
        let tooLong = "language-" + String(repeating: "a", count: 41)
        #expect(HTMLSanitizer.sanitize("<code class=\"\(tooLong)\">x</code>") == "<code>x</code>")
    }

    @Test func onlyDisabledCheckboxInputsSurvive() {
        #expect(HTMLSanitizer.sanitize("<input type=checkbox checked>") == "<input type=\"checkbox\" checked disabled>")
        #expect(HTMLSanitizer.sanitize("<input type=\"CHECKBOX\">") == "<input type=\"checkbox\" disabled>")
        #expect(HTMLSanitizer.sanitize("<input type=text value=x>") == "")
        #expect(HTMLSanitizer.sanitize("<input>") == "")
    }

    @Test func relativeURLsFollowThePolicy() {
        let relative = "<img src=\"../../artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png\" alt=\"a\">"
        #expect(HTMLSanitizer.sanitize(relative) == relative)
        #expect(HTMLSanitizer.sanitize("<a href=\"#section\">s</a>") == "<a href=\"#section\" rel=\"noopener noreferrer nofollow\">s</a>")
        let strict = HTMLSanitizerPolicy(allowsRelativeURL: { _ in false })
        #expect(HTMLSanitizer.sanitize(relative, policy: strict) == "a")
        let lax = HTMLSanitizerPolicy(allowsRelativeURL: { _ in true })
        #expect(HTMLSanitizer.sanitize("<a href=\"//evil.com\">e</a>", policy: lax) == "<a>e</a>")
        #expect(HTMLSanitizerPolicy.isPlainRelativeURL("../a/b.png"))
        #expect(!HTMLSanitizerPolicy.isPlainRelativeURL("//evil.com"))
        #expect(!HTMLSanitizerPolicy.isPlainRelativeURL("a\\b"))
        #expect(!HTMLSanitizerPolicy.isPlainRelativeURL("a\u{7}b"))
    }

    @Test func allowedSchemesSurvive() {
        #expect(HTMLSanitizer.sanitize("<a href=\"HTTPS://example.com/x\">x</a>") == "<a href=\"HTTPS://example.com/x\" rel=\"noopener noreferrer nofollow\">x</a>")
        #expect(HTMLSanitizer.sanitize("<a href=\"  http://example.com  \">x</a>") == "<a href=\"http://example.com\" rel=\"noopener noreferrer nofollow\">x</a>")
        #expect(HTMLSanitizer.sanitize("<a href=\"mailto:a@b.c\">m</a>") == "<a href=\"mailto:a@b.c\" rel=\"noopener noreferrer nofollow\">m</a>")
        #expect(HTMLSanitizer.sanitize("<img src=\"mailto:a@b.c\">") == "<a href=\"mailto:a@b.c\" rel=\"noopener noreferrer nofollow\">mailto:a@b.c</a>")
    }

    @Test func blockInsideParagraphIsFlattenedStably() {
        let output = HTMLSanitizer.sanitize("<p><foo><div>block</div></foo></p>")
        #expect(output == "<p>block</p>")
    }
}
