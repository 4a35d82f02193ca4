@_spi(RedactionReference) import ChronicleRedact
import Testing

/// Inputs on which the expressions took quadratic time or more (the e-mail rule took 15.6 s on
/// 40,000 characters and never ended on 1 MB): redaction must finish, and still redact. Each
/// test is bounded by the time limit alone; none of them times anything.
@Suite("Redaction of pathological inputs ends")
struct PathologicalInputTests {
    static let megabyte = 1_000_000

    @Test(.timeLimit(.minutes(1)))
    func longLocalPartBeforeAnAtSign() {
        let text = String(repeating: "a", count: Self.megabyte) + "@"
        var counts = RedactionCounts()
        #expect(Redactor.builtin.redact(text, counts: &counts) == text)
        #expect(counts.total == 0)
        // The same run with a domain is one address.
        var found = RedactionCounts()
        #expect(Redactor.builtin.redact(text + "example.com", counts: &found) == "[REDACTED:email]")
        #expect(found.byRule == ["email": 1])
    }

    @Test(.timeLimit(.minutes(1)))
    func manyPEMHeadersWithoutAnEnd() {
        let headers = String(repeating: "-----BEGIN ", count: 50_000)
        var counts = RedactionCounts()
        #expect(Redactor.builtin.redact(headers, counts: &counts) == headers)
        // Whole headers without an end, then one key that has its end.
        let unterminated = String(repeating: "-----BEGIN RSA PRIVATE KEY-----\n", count: 30_000)
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"
        var found = RedactionCounts()
        #expect(Redactor.builtin.redact(unterminated + key, counts: &found) == "[REDACTED:private-key]")
        #expect(found.byRule == ["private-key": 1])
        var none = RedactionCounts()
        #expect(Redactor.builtin.redact(unterminated, counts: &none) == unterminated)
        #expect(none.total == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func longRunsOfKeyCharacters() {
        // Every prefix again and again inside one run of token characters: the text repeats, so
        // 1 MB of it is redacted as 4 KB of it is, and 4 KB as the expressions redact it.
        for prefix in ["sk-ant-", "sk-", "xoxb-", "eyJ-", "ghp_", "github_pat_", "AIza", "bearer ", "a@", "aws_secret=", "-----END "] {
            let short = String(repeating: prefix, count: 4_000 / prefix.utf8.count)
            var scanned = RedactionCounts(), expected = RedactionCounts()
            #expect(Redactor.builtin.redact(short, counts: &scanned) == Redactor.builtin.redactWithExpressions(short, counts: &expected), "\(prefix)")
            #expect(scanned == expected, "\(prefix)")
            let text = String(repeating: prefix, count: Self.megabyte / prefix.utf8.count)
            var counts = RedactionCounts()
            _ = Redactor.builtin.redact(text, counts: &counts)
            #expect(counts == scanned, "\(prefix)")
        }
        let key = "sk-ant-" + String(repeating: "A1b_", count: Self.megabyte / 4)
        var counts = RedactionCounts()
        #expect(Redactor.builtin.redact("key " + key + " end", counts: &counts) == "key [REDACTED:anthropic-key] end")
        let spaces = "Bearer" + String(repeating: " ", count: Self.megabyte) + "x"
        #expect(Redactor.builtin.redact(spaces) == spaces)
    }
}
