import ChronicleRedact
import ChronicleTestSupport
import Testing

@Suite("Redactor")
struct RedactorTests {
    static let secrets: [(rule: String, text: String)] = [
        ("openai-key", "sk-proj-" + String(repeating: "a1B2", count: 10)),
        ("openai-key", "sk-" + String(repeating: "Zx9", count: 16)),
        ("anthropic-key", "sk-ant-api03-" + String(repeating: "Qw8_", count: 20)),
        ("github-token", "ghp_" + String(repeating: "A1b2C3", count: 6)),
        ("github-token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"),
        ("slack-token", "xoxb-123456789012-abcdefABCDEF"),
        ("google-api-key", "AIza" + String(repeating: "S", count: 35)),
        ("stripe-key", "sk_live_" + String(repeating: "4eC39HqLyjWDarjtT1zdp7dc", count: 1)),
        ("aws-access-key", "AKIAIOSFODNN7EXAMPLE"),
        ("jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
        ("email", "alice.smith+tag@example.co.uk"),
    ]

    @Test func everyBuiltinRuleCompiles() {
        #expect(Redactor.builtin.rules.count == 12)
    }

    @Test(arguments: 0..<secrets.count)
    func builtinRulesCatchCommonSecrets(_ i: Int) {
        let (rule, secret) = Self.secrets[i]
        var counts = RedactionCounts()
        let out = Redactor.builtin.redact("before \(secret) after", counts: &counts)
        #expect(!out.contains(secret), "\(rule) left the secret in: \(out)")
        #expect(out.contains("[REDACTED:\(rule)]"), "\(out)")
        #expect(counts.byRule[rule] == 1)
        #expect(out.hasPrefix("before ") && out.hasSuffix(" after"))
    }

    @Test func bearerAndAWSSecretKeepTheirLabel() {
        var counts = RedactionCounts()
        let out = Redactor.builtin.redact(
            "Authorization: Bearer abc.DEF-123_456~xyz\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", counts: &counts)
        #expect(out == "Authorization: Bearer [REDACTED:bearer-token]\naws_secret_access_key = [REDACTED:aws-secret-key]")
        #expect(counts.byRule == ["bearer-token": 1, "aws-secret-key": 1])
    }

    @Test func privateKeysAreRemovedWhole() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAKC\n-----END RSA PRIVATE KEY-----"
        var counts = RedactionCounts()
        let out = Redactor.builtin.redact("key:\n\(pem)\nend", counts: &counts)
        #expect(out == "key:\n[REDACTED:private-key]\nend")
        #expect(counts.total == 1)
    }

    @Test func configuredPatternsAreAppliedAndCounted() throws {
        let redactor = try Redactor(extraPatterns: ["ACME-[0-9]{6}"])
        var counts = RedactionCounts()
        let out = redactor.redact("tickets ACME-123456 and ACME-654321", counts: &counts)
        #expect(out == "tickets [REDACTED:pattern-1] and [REDACTED:pattern-1]")
        #expect(counts.byRule == ["pattern-1": 2])
    }

    @Test func aBadPatternNamesItself() {
        #expect(throws: RedactionPatternError.self) { try Redactor(extraPatterns: ["(unclosed"]) }
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Version 1.2.3 of sk-learn, skip-this, the AKIA prefix alone, user@localhost and a@b."
        var counts = RedactionCounts()
        #expect(Redactor.builtin.redact(text, counts: &counts) == text)
        #expect(counts.total == 0)
    }

    @Test func redactingTwiceChangesNothingMore() {
        let once = Redactor.builtin.redact("mail bob@example.com key AKIAIOSFODNN7EXAMPLE")
        var counts = RedactionCounts()
        #expect(Redactor.builtin.redact(once, counts: &counts) == once)
        #expect(counts.total == 0)
    }
}
