import ChronicleTestSupport
import ChronicleHTMLSafety
import Testing

/// Shared inputs and safety checks for the sanitizer tests.
enum TestCorpus {
    /// Hostile inputs from the brief.
    static let injections: [String] = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"java&#10;script:alert(1)\">x</a>",
        "<a href=\"java\u{0}script:alert(1)\">x</a>",
        "<a href=\"java&#0;script:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"\u{1}\u{2} javascript:alert(1)\">x</a>",
        "<a href=\"&#1;javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"VBScript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<a href=\"DATA:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"//evil.com\">x</a>",
        "<a href=\"\\\\evil.com\">x</a>",
        "<a href=\"/\\evil.com\">x</a>",
        "<iframe src=//x></iframe>",
        "<iframe src=//x>",
        "<form action=x><button>go</button></form>",
        "<form action=x><button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=http://x\">",
        "<base href=\"http://evil/\">",
        "<object data=x></object><embed src=x>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "<style>@import 'http://x'</style>",
        "</textarea><script>alert(1)</script>",
        "<textarea></textarea><script>alert(1)</script>",
        "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>",
        "<math><mi xlink:href=\"javascript:alert(1)\">",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<p>unclosed <b>bold <i>italic <a href=\"https://x.org\">link",
        "<div><span><table><tr><td>cell",
        "<img src=\"x\" onerror=\"alert(1)\" ONLOAD=alert(2) onMouseOver=alert(3)>",
        "<p onclick=\"alert(1)\" id=\"x\" name=\"y\" class=\"z\">p</p>",
        "<!-- <script>alert(1)</script> -->after",
        "<!--><script>alert(1)</script>-->",
        "before<![CDATA[<script>alert(1)</script>]]>after",
        "<?xml-stylesheet href=\"javascript:alert(1)\"?>text",
        "<?php echo 1; ?>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img src=\"data:text/html;base64,PHNjcmlwdD4=\">",
        "<a href=\"data:image/png;base64,iVBORw0KGgo=\">png link</a>",
        "<svg><script>alert(1)</script></svg>",
        "<template><script>alert(1)</script></template>",
        "<noscript><img src=x onerror=alert(1)></noscript>",
        "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
        "<applet code=x></applet>",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<input type=\"text\" onfocus=alert(1) autofocus>",
        "<input type=\"image\" src=\"javascript:alert(1)\">",
        "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
        "<body onload=alert(1)><p>body</p></body>",
        "<html><head><title>t</title><script>alert(1)</script></head><body>hi</body></html>",
        "<meta charset=\"UTF-16\"><script>alert(1)</script>",
        "<a href=\"http://x\" target=\"_blank\" rel=\"opener\">t</a>",
        "<table><tr><td background=\"javascript:alert(1)\" align=\"javascript:alert(1)\">c</td></tr></table>",
        "<ol start=\"javascript:alert(1)\"><li>l</li></ol>",
        "<code class=\"language-swift onmouseover=alert(1)\">c</code>",
        "<img src=x alt=\"\\\" onerror=alert(1) x=\\\"\">",
        "<a href='javascript&colon;alert(1)'>colon entity</a>",
        "<a href=\"jav&#x61;script&#58;alert(1)\">mixed entities</a>",
        "<a href=\"&#x20;&#x0B;javascript:alert(1)\">leading controls</a>",
        "<a href=\"javascript\u{2028}:alert(1)\">ls</a>",
    ]

    /// Things that must survive as literal text.
    static let literalText: [String] = ["{{x}}", "{{{x}}}", "{{ constructor.constructor('alert(1)')() }}"]

    /// Benign inputs used by the positive and idempotency tests.
    static let benign: [String] = [
        gfmFragment,
        "<p>emoji 👩‍💻🎉, CJK 日本語 漢字, RTL עברית العربية</p>",
        "plain text with {{x}} and {{{x}}}",
        "<p>1 &lt; 2 &amp; \"quoted\" 'single'</p>",
        "<pre><code class=\"language-swift\">\nlet x = 1\n\n</code></pre>",
        "<details><summary>More</summary><dl><dt>term</dt><dd>def</dd></dl></details>",
        "  leading whitespace\r\nand CRLF\u{2028}and LS",
        "<custom-tag>hello <b>world</b></custom-tag>",
        "<p><foo><div>block in p</div></foo></p>",
        "<ol><li>a<ul><li>b</li></ul></li></ol>",
        "text</body></html><p>after</p>",
        "",
        " ",
    ]

    /// A fragment as cmark-gfm renders it.
    static let gfmFragment = """
        <h1>Title</h1>
        <p>Some <strong>bold</strong>, <em>em</em>, <del>gone</del>, <s>struck</s> and <code>code</code>.</p>
        <ul>
        <li><input type="checkbox" checked="" disabled="" /> done</li>
        <li><input type="checkbox" disabled="" /> todo</li>
        </ul>
        <pre><code class="language-swift">let x = 1 &lt; 2 &amp;&amp; true
        </code></pre>
        <p><a href="https://example.com/a?b=1&amp;c=2" title="T">link</a> <img src="../../artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png" alt="shot" /> <img src="https://tracker.example/p.png" alt="remote"></p>
        <table>
        <thead>
        <tr>
        <th align="left">A</th>
        <th align="center">B</th>
        <th align="right">C</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td align="left">1</td>
        <td align="center">2</td>
        <td align="right">3</td>
        </tr>
        </tbody>
        </table>
        <blockquote>
        <p>quote</p>
        </blockquote>
        <ol start="3">
        <li>three</li>
        </ol>
        <hr />
        <p>x<sub>2</sub> y<sup>3</sup> <kbd>K</kbd> <samp>S</samp> <ins>I</ins><br />
        next</p>
        """

    /// The sanitizer's expected output for ``gfmFragment``.
    static let gfmExpected = """
        <h1>Title</h1>
        <p>Some <strong>bold</strong>, <em>em</em>, <del>gone</del>, <s>struck</s> and <code>code</code>.</p>
        <ul>
        <li><input type="checkbox" checked disabled> done</li>
        <li><input type="checkbox" disabled> todo</li>
        </ul>
        <pre><code class="language-swift">let x = 1 &lt; 2 &amp;&amp; true
        </code></pre>
        <p><a href="https://example.com/a?b=1&amp;c=2" title="T" rel="noopener noreferrer nofollow">link</a> <img src="../../artifacts/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.png" alt="shot"> <a href="https://tracker.example/p.png" rel="noopener noreferrer nofollow">remote</a></p>
        <table>
        <thead>
        <tr>
        <th class="align-left">A</th>
        <th class="align-center">B</th>
        <th class="align-right">C</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td class="align-left">1</td>
        <td class="align-center">2</td>
        <td class="align-right">3</td>
        </tr>
        </tbody>
        </table>
        <blockquote>
        <p>quote</p>
        </blockquote>
        <ol start="3">
        <li>three</li>
        </ol>
        <hr>
        <p>x<sub>2</sub> y<sup>3</sup> <kbd>K</kbd> <samp>S</samp> <ins>I</ins><br>
        next</p>
        """

    static let allowedElements: Set<String> = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd",
        "samp", "em", "strong", "del", "s", "ins", "sub", "sup", "a", "img", "ul", "ol", "li",
        "input", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary", "dl",
        "dt", "dd", "span", "div",
    ]

    static let allowedAttributes: Set<String> = [
        "href", "title", "rel", "src", "alt", "width", "height", "align", "start", "class", "type",
        "checked", "disabled",
    ]

    /// Decodes the character references an HTML consumer would decode.
    static func decodeEntities(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            if let semi = tail.firstIndex(of: ";"), tail.distance(from: amp, to: semi) <= 10 {
                let body = tail[tail.index(after: amp)..<semi]
                var decoded: String?
                switch body {
                case "amp": decoded = "&"
                case "lt": decoded = "<"
                case "gt": decoded = ">"
                case "quot": decoded = "\""
                case "colon": decoded = ":"
                default:
                    if body.hasPrefix("#x") || body.hasPrefix("#X"),
                       let v = UInt32(body.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        decoded = String(Character(u))
                    } else if body.hasPrefix("#"), let v = UInt32(body.dropFirst()), let u = Unicode.Scalar(v) {
                        decoded = String(Character(u))
                    }
                }
                if let decoded {
                    out += decoded
                    rest = tail[tail.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = tail.dropFirst()
        }
        out += rest
        return out
    }

    /// Asserts the safety invariants on a sanitizer output.
    static func expectSafe(_ output: String, input: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lower = output.lowercased()
        let decoded = decodeEntities(output).lowercased()
        // Also remove whitespace/controls, as browsers do inside URLs.
        let squeezed = String(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F && $0 != "\u{2028}" })
        for needle in ["javascript:", "vbscript:", "data:text"] {
            #expect(!decoded.contains(needle), "\(needle) in \(output.debugDescription) from \(input.debugDescription)", sourceLocation: sourceLocation)
            #expect(!squeezed.contains(needle), "\(needle) (squeezed) in \(output.debugDescription) from \(input.debugDescription)", sourceLocation: sourceLocation)
        }
        for element in ["script", "iframe", "form", "meta", "base", "object", "embed", "style", "svg", "math",
                        "textarea", "template", "link", "frame", "applet", "noscript", "title", "button"] {
            #expect(!lower.contains("<" + element), "<\(element) in \(output.debugDescription) from \(input.debugDescription)", sourceLocation: sourceLocation)
        }
        let handler = try Regex("on[a-z0-9_]+\\s*=").ignoresCase()
        #expect(!output.contains(handler), "event handler in \(output.debugDescription)", sourceLocation: sourceLocation)
        for forbidden in [" style=", " id=", " name=", " target=", " srcset=", " action=", " background="] {
            #expect(!lower.contains(forbidden), "\(forbidden) in \(output.debugDescription)", sourceLocation: sourceLocation)
        }
        // Every tag is allowlisted; every attribute name is allowlisted.
        let tag = try Regex("<(/?)([^\\s>/]+)([^>]*)>")
        for match in output.matches(of: tag) {
            let name = String(match.output[2].substring ?? "").lowercased()
            #expect(allowedElements.contains(name), "element \(name) in \(output.debugDescription)", sourceLocation: sourceLocation)
            let attributeText = String(match.output[3].substring ?? "")
            let attribute = try Regex("\\s([^\\s=]+)(=\"[^\"]*\")?")
            for a in attributeText.matches(of: attribute) {
                let attributeName = String(a.output[1].substring ?? "")
                #expect(allowedAttributes.contains(attributeName), "attribute \(attributeName) in \(output.debugDescription)", sourceLocation: sourceLocation)
            }
        }
        // A raw "<" in the output only ever starts an allowlisted tag (checked above); class only for languages.
        let classValue = try Regex("class=\"([^\"]*)\"")
        for match in output.matches(of: classValue) {
            let value = String(match.output[1].substring ?? "")
            let alignment = ["align-left", "align-center", "align-right"].contains(value)
            #expect((value.hasPrefix("language-") || alignment) && !value.contains(" "), "class \(value)", sourceLocation: sourceLocation)
        }
    }

    /// Deterministic tag soup for the idempotency test.
    static func tagSoup(count: Int, seed: UInt64) -> [String] {
        let tags = [
            "p", "div", "span", "a", "a href=x", "li", "ul", "ol", "ol start=3", "table", "tr", "td", "td align=CENTER",
            "th", "tbody", "thead", "tfoot", "pre", "code", "code class=language-swift", "h1", "h3", "dl", "dt", "dd",
            "b", "i", "foo", "font", "center", "form", "script", "blockquote", "br", "hr", "img src=\"a b\"",
            "input type=checkbox checked", "s", "del", "em", "details", "summary", "caption", "select", "option",
            "button", "xmp", "listing", "html", "body", "head", "title", "address", "menu", "fieldset", "legend",
            "col", "colgroup", "textarea", "object", "noscript", "nobr", "u", "small", "plaintext", "!-- c --",
            "![CDATA[ d ]]", "?pi ?", "meta charset=latin1", "svg", "math",
        ]
        let texts = ["x", " ", "\n", "a b", "&amp;", "<", "&", "\"q\"", "\t", "日本", "{{x}}", "\r\n"]
        var rng = SplitMix64(seed: seed)
        var result: [String] = []
        for _ in 0..<count {
            var s = ""
            for _ in 0..<Int.random(in: 1...14, using: &rng) {
                let r = Int.random(in: 0..<10, using: &rng)
                let t = tags.randomElement(using: &rng) ?? "p"
                if r < 4 {
                    s += "<\(t)>"
                } else if r < 7 {
                    s += "</\(t.split(separator: " ").first ?? "p")>"
                } else {
                    s += texts.randomElement(using: &rng) ?? ""
                }
            }
            result.append(s)
        }
        return result
    }
}
