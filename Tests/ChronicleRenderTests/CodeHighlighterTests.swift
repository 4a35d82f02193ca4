import ChronicleHTMLSafety
@testable import ChronicleMarkdown
import Testing

/// Code blocks highlighted at render time: the tokens of each language, the text kept exactly,
/// and the sanitizer letting through the highlighter's classes and nothing more.
@Suite("Code highlighting")
struct CodeHighlighterTests {
    static func kinds(_ code: String, _ language: String) -> [String] {
        CodeHighlighter.tokens(code, language: language).compactMap { t in t.kind.map { "\($0.rawValue):\(t.text)" } }
    }

    @Test func tokensOfEachLanguage() {
        #expect(Self.kinds(#"let x = "a\"b" // note"#, "swift") == ["hl-k:let", #"hl-s:"a\"b""#, "hl-c:// note"])
        #expect(Self.kinds("def f(n):\n    return None  # done", "py") == ["hl-k:def", "hl-f:f", "hl-k:return", "hl-l:None", "hl-c:# done"])
        #expect(Self.kinds(#"{"a": [1.5, true, null, "x"]}"#, "json") == [#"hl-a:"a""#, "hl-n:1.5", "hl-l:true", "hl-l:null", #"hl-s:"x""#])
        #expect(Self.kinds("SELECT id FROM t WHERE n > 3 -- c", "sql") == ["hl-k:SELECT", "hl-k:FROM", "hl-k:WHERE", "hl-n:3", "hl-c:-- c"])
        #expect(Self.kinds("if [ -n \"$HOME\" ]; then echo ${X}; fi", "bash") == ["hl-k:if", #"hl-s:"$HOME""#, "hl-k:then", "hl-k:echo", "hl-l:${X}", "hl-k:fi"])
        #expect(Self.kinds("func main() { fmt.Println(`raw`) }", "go") == ["hl-k:func", "hl-f:main", "hl-f:Println", "hl-s:`raw`"])
        #expect(Self.kinds("fn main() -> Option<u8> { None }", "rust") == ["hl-k:fn", "hl-f:main", "hl-t:Option", "hl-l:None"])
        #expect(Self.kinds("name: app # c\nport: 8080", "yml") == ["hl-a:name", "hl-c:# c", "hl-a:port", "hl-n:8080"])
        #expect(Self.kinds(#"<a href="x">t</a><!-- c -->"#, "html") == ["hl-k:<a", "hl-a:href", #"hl-s:"x""#, "hl-k:>", "hl-k:</a", "hl-k:>", "hl-c:<!-- c -->"])
        #expect(Self.kinds("const f = async () => await g(1)", "ts") == ["hl-k:const", "hl-k:async", "hl-k:await", "hl-f:g", "hl-n:1"])
        #expect(Self.kinds("anything at all", "kotlin").isEmpty)
    }

    /// Whatever the input, the tokens put together are the input: nothing lost, nothing added.
    /// The lexer's word table against the language's own sets: every keyword and literal of every
    /// language (in both cases where SQL folds), their one-byte-off neighbours and 20,000 random
    /// identifiers classify as `Set` membership says, keywords before literals.
    @Test func theWordTableAgreesWithTheLanguageSets() {
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789".utf8)
        for (name, language) in CodeHighlighter.languages {
            let lexicon = CodeHighlighter.Lexicon(language)
            func expected(_ word: String) -> CodeHighlighter.Kind? {
                let w = lexicon.isSQL ? word.lowercased() : word
                if language.keywords.contains(w) { return .keyword }
                return language.literals.contains(w) ? .literal : nil
            }
            var words = Array(language.keywords) + Array(language.literals)
            for word in words where !word.isEmpty {
                words.append(word.uppercased())
                words.append(String(word.dropLast()))
                words.append(word + "x")
                words.append("_" + word)
            }
            for _ in 0..<20_000 / CodeHighlighter.languages.count {
                let length = Int.random(in: 1...18, using: &rng)
                words.append(String(decoding: (0..<length).map { _ in letters.randomElement(using: &rng) ?? 0x61 }, as: UTF8.self))
            }
            for word in words where !word.isEmpty {
                let got = Array(word.utf8).withUnsafeBufferPointer { lexicon.kind($0, 0..<$0.count) }
                #expect(got == expected(word), "\(name): \(word)")
            }
        }
    }

    @Test func tokensCoverTheTextExactly() {
        let samples = ["", "\"unterminated", "/* open", "a'b'c", "'''x", "\u{1F600}é \"ü\" 12é", "$", "${", "<", "<a b='c", "x\r\ny", "#!/bin/sh\n# c"]
        for language in ["swift", "python", "js", "ts", "json", "sh", "sql", "go", "rust", "yaml", "html", "none"] {
            for code in samples {
                #expect(CodeHighlighter.tokens(code, language: language).map(\.text).joined() == code, "\(language): \(code.debugDescription)")
            }
        }
    }

    @Test func fencedBlocksAreHighlightedWithTheirLanguageShown() {
        let html = MarkdownRenderer.safeHTML("```swift\nlet a = 1 // one\n```")
        #expect(html == #"<pre class="language-swift"><span class="code-lang">Swift</span><code><span class="hl-k">let</span> a = <span class="hl-n">1</span> <span class="hl-c">// one</span>"# + "\n</code></pre>\n")
        let unknown = MarkdownRenderer.safeHTML("```kotlin\nval a = 1\n```")
        #expect(unknown == #"<pre class="language-kotlin"><span class="code-lang">kotlin</span><code>val a = 1"# + "\n</code></pre>\n")
        // Text in the block is escaped like any other.
        #expect(MarkdownRenderer.safeHTML("```html\n<script>x</script>\n```").contains("&lt;script</span>"))
        #expect(!MarkdownRenderer.safeHTML("```html\n<script>x</script>\n```").contains("<script"))
    }

    /// Every kind of token reaches the page in a span of its own class (the writer looks the
    /// span up by the kind's position, so a table out of order would give another class).
    @Test func eachKindIsWrittenWithItsOwnClass() {
        let blocks = [("swift", "let s: String = f(\"x\", 1, nil) // c"), ("json", "{\"key\": true}")]
        var seen = Set<String>()
        for (language, code) in blocks {
            let html = MarkdownRenderer.safeHTML("```\(language)\n\(code)\n```")
            for token in CodeHighlighter.tokens(code, language: language) {
                guard let kind = token.kind else { continue }
                let span = #"<span class="\#(kind.rawValue)">\#(HTMLSanitizer.escapeText(token.text))</span>"#
                #expect(html.contains(span), "\(language): \(span) in \(html)")
                seen.insert(kind.rawValue)
            }
        }
        #expect(seen == Set(CodeHighlighter.Kind.allCases.map(\.rawValue)), "the samples hold every kind")
    }

    @Test func theSanitizerAllowsTheHighlighterClassesAndNothingMore() {
        #expect(HTMLSanitizer.sanitize(#"<span class="hl-k">a</span>"#) == #"<span class="hl-k">a</span>"#)
        #expect(HTMLSanitizer.sanitize(#"<span class="code-lang">a</span>"#) == #"<span class="code-lang">a</span>"#)
        for bad in ["evil", "hl-k evil", "hl-zz", "skip", "filter", ""] {
            #expect(HTMLSanitizer.sanitize(#"<span class="\#(bad)">a</span>"#) == "<span>a</span>", "\(bad)")
        }
        #expect(HTMLSanitizer.sanitize(#"<span style="color:red" id="x" onclick="y">a</span>"#) == "<span>a</span>")
        #expect(HTMLSanitizer.sanitize(#"<pre lang="swift">x</pre>"#) == #"<pre class="language-swift">x</pre>"#)
        #expect(HTMLSanitizer.sanitize(#"<pre lang="a b">x</pre>"#) == "<pre>x</pre>")
    }
}
