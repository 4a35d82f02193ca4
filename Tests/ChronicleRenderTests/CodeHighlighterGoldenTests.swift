import ChronicleTestSupport
@testable import ChronicleMarkdown
import Foundation
import Testing

/// The highlighter's tokens over a generated corpus of code (every language, the tricky shapes:
/// escapes, unterminated strings and comments, triple quotes, `#` inside words, `$`, tags,
/// non-ASCII identifiers), held equal to a recorded golden file, so a faster lexer cannot
/// change a single token. `CHRONICLE_RECORD_GOLDEN=1` re-records it (then review the diff).
@Suite("Code highlighting golden")
struct CodeHighlighterGoldenTests {
    static let languages = ["swift", "python", "js", "ts", "json", "sh", "sql", "go", "rust", "yaml", "html", "SQL", "Bash"]

    /// Pieces the generator joins; each language's own plus shared awkward ones.
    static let fragments: [String] = [
        "let", "var", "func", "def", "class", "return", "if", "else", "fi", "then", "SELECT", "select", "From", "WHERE", "null", "None",
        "true", "False", "nil", "self", "Self", "const", "async", "await", "fn", "impl", "match", "package", "import", "echo", "export",
        "Option", "String", "MyType", "x", "_private", "snake_case", "camelCase", "i", "café", "名前", "Kelvin\u{212A}ey", "\u{212A}EY",
        "(", ")", "{", "}", "[", "]", ";", ",", ".", ":", " : ", "=", " = ", "->", "=>", "+", "-", "*", "/", "\\", "|", "&", "!", "?", "@",
        " ", "  ", "    ", "\t", "\n", "\n", "\n  ", "\r\n",
        "\"", "'", "`", "\"\"\"", "'''", "\"a\\\"b\"", "'c'", "`raw`", "\"unterminated", "'it''s'", "don't", "\"multi\nline\"",
        "//", "// comment", "/*", "*/", "/* block */", "#", "# note", "a#b", " #x", "--", "-- sql comment", "<!--", "-->", "<!-- c -->",
        "0", "42", "3.14", "1.", ".5", "0x1F", "1e10", "9abc", "a9",
        "$", "$HOME", "${X}", "${unclosed", "$1", "<", ">", "</", "/>", "<a", "<div class=\"x\">", "</div>", "<br/>", "href='y'", "data-x=1",
        "key:", "- item:", "name: app", "\"k\": ", "~", "yes", "on",
        "f(", "g (", "print(\"hi\")", "Foo.bar(", "x.y", "0.0.1", "é(",
    ]

    /// A deterministic generator (xorshift), so the corpus is the same wherever the test runs.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func corpus(for language: String) -> [String] {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(language.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
        return (0..<60).map { _ in
            var code = ""
            for _ in 0..<(4 + generator.below(40)) { code += fragments[generator.below(fragments.count)] }
            return code
        }
    }

    /// One line per input: the language, the input's index, then `kind@start-end` per token (UTF-8 offsets).
    static func dump() -> String {
        var out = ""
        for language in languages {
            for (i, code) in corpus(for: language).enumerated() {
                out += "\(language) \(i):"
                var offset = 0
                for token in CodeHighlighter.tokens(code, language: language) {
                    let end = offset + token.text.utf8.count
                    if let kind = token.kind { out += " \(kind.rawValue)@\(offset)-\(end)" }
                    offset = end
                }
                out += "\n"
            }
        }
        return out
    }

    @Test func tokensEqualTheRecordedOnes() throws {
        let got = Self.dump()
        try expectGolden(got, named: "highlight-tokens.txt")
        #expect(got.utf8.count > 10_000, "the corpus is not trivial")
    }
}
