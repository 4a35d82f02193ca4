import ChronicleHTMLSafety
import Testing

@Suite("Escaping")
struct EscapingTests {
    @Test func textEscapesMarkupCharacters() {
        #expect(HTMLSanitizer.escapeText("a < b & \"c\" > d 'e'") == "a &lt; b &amp; &quot;c&quot; &gt; d 'e'")
    }

    @Test func attributeEscapesQuotesToo() {
        #expect(HTMLSanitizer.escapeAttribute("a < b & \"c\" 'e'") == "a &lt; b &amp; &quot;c&quot; &#39;e&#39;")
    }

    @Test func controlsAndNoncharactersAreCleaned() {
        // Noncharacters can't be written as literals; build them from scalar values.
        var nonchars = String.UnicodeScalarView()
        for value: UInt32 in [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFF, 0x10FFFE] {
            if let scalar = Unicode.Scalar(value) { nonchars.append(scalar) }
        }
        let input = "a\u{0}b\u{7}c\u{7F}d\u{85}e" + String(nonchars) + "fg\r\nh\ri\u{2028}j\u{2029}k\tlm\u{C}n"
        let expected = "abcdefg\nh\ni\nj\nk\tlmn"
        #expect(String(nonchars).unicodeScalars.count == 6)
        #expect(HTMLSanitizer.escapeText(input) == expected)
        #expect(HTMLSanitizer.escapeAttribute(input) == expected)
    }

    @Test func sanitizedTextAndAttributesAreEscaped() {
        #expect(HTMLSanitizer.sanitize("<p>1 &lt; 2 &amp; \"q\"</p>") == "<p>1 &lt; 2 &amp; &quot;q&quot;</p>")
        #expect(HTMLSanitizer.sanitize("<a title='say \"hi\" & <bye>'>x</a>")
            == "<a title=\"say &quot;hi&quot; &amp; &lt;bye&gt;\">x</a>")
        #expect(HTMLSanitizer.sanitize("<img alt=\"&#x22;&#x3C;\" src=\"a.png?x=1&amp;y=2\">")
            == "<a href=\"a.png?x=1&amp;y=2\" rel=\"noopener noreferrer nofollow\">&quot;&lt;</a>")
        #expect(HTMLSanitizer.sanitize("<img alt=\"&#x22;&#x3C;\" src=\"artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png\">")
            == "<img src=\"artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png\" alt=\"&quot;&lt;\">")
        #expect(HTMLSanitizer.sanitize("a\u{0}b\r\nc") == "ab\nc")
    }
}
