@_spi(RedactionReference) @testable import ChronicleRedact
import Testing

/// The literal prefix read off a configured pattern lets the prefilter skip it only where it
/// cannot match.
@Suite("Configured pattern prefix")
struct ConfiguredPatternPrefixTests {
    @Test(arguments: [
        ("ACME-[0-9]{6}", "ACME-", false),
        ("(?i)token=\\S+", "token=", true),
        ("ACME?X", "ACM", false),
        ("id\\.[0-9]+", "id.", false),
        ("ab+", "a", false),
    ])
    func prefixIsRead(_ pattern: String, _ literal: String, _ ignoringCase: Bool) {
        let hint = ConfiguredPatternPrefix.hint(for: pattern, caseInsensitive: false)
        #expect(hint?.literals == [Array(literal.utf8)])
        #expect(hint?.caseInsensitive == ignoringCase)
    }

    @Test(arguments: ["(a+)+$", "\\bkey", "a|b", "x?", "[ab]c", ".*secret", "^ACME", "\\d+", "(?x) a b"])
    func noPrefixWhereNoneIsSafe(_ pattern: String) {
        #expect(ConfiguredPatternPrefix.hint(for: pattern, caseInsensitive: false) == nil)
    }

    @Test func prefilteredPatternRedactsTheSame() throws {
        let redactor = try Redactor(builtin: false, extraPatterns: ["ACME-[0-9]{6}", "(?i)tok=[a-z]+"])
        var counts = RedactionCounts()
        let out = redactor.redact("ACME-123456 TOK=abc ſ tok=x acme-123456", counts: &counts)
        #expect(out == "[REDACTED:pattern-1] [REDACTED:pattern-2] ſ [REDACTED:pattern-2] acme-123456")
        #expect(counts.byRule == ["pattern-1": 1, "pattern-2": 2])
        #expect(redactor.redact("nothing here") == "nothing here")
    }

    /// A configured prefix can span the edge of a built-in rule's marker (`]x` after a bearer
    /// token's `==`): the text is scanned again after that replacement, so the pattern still runs.
    @Test func prefixAcrossAMarkersEdgeIsFound() throws {
        let redactor = try Redactor(extraPatterns: ["\\]x"])
        let text = "Authorization: Bearer abcdefgh==x"
        var counts = RedactionCounts(), reference = RedactionCounts()
        let out = redactor.redact(text, counts: &counts)
        #expect(out == "Authorization: Bearer [REDACTED:bearer-token[REDACTED:pattern-1]")
        #expect(out == redactor.redactWithExpressions(text, counts: &reference))
        #expect(counts == reference && counts.byRule == ["bearer-token": 1, "pattern-1": 1])
    }
}
