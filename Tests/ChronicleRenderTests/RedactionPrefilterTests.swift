@testable import ChronicleRedact
import ChronicleTestSupport
import Foundation
import Testing

/// The prefilter only skips work: the built-in redactor must replace and count exactly what the
/// same rules without hints do, on texts built to sit at the edges of every literal.
@Suite("Redaction prefilter")
struct RedactionPrefilterTests {
    /// The built-in rules with no hints: every regular expression runs on every text.
    static let unfiltered = Redactor(rules: BuiltinRedactionRules.definitions.compactMap {
        try? RedactionRule(name: $0.name, pattern: $0.pattern, caseInsensitive: $0.caseInsensitive)
    })

    static let pieces: [String] = [
        "sk-", "sk-ant-", "sk-ant-api03-", "SK-", "gh", "ghp_", "gho_", "GHP_", "github_pat_", "xox", "xoxb-", "AIza", "_live_", "_test_",
        "AKIA", "ASIA", "akia", "secret", "SECRET", "SeCrEt", "ſecret", "\u{17F}ECRET", "aws_secret_access_key", "AWS_SECRET=",
        "bearer", "BEARER ", "Bearer\t", "beareR  ", "ſ", "K", "\u{212A}", "ß", "ﬆ", "ﬅ", "İ", "ı", "ǰ", "ẗ", "eyJ", "eyJhbGciOi", ".", "=",
        "@", "user@", "@example.com", "a.b@c.io", "-----BEGIN ", "-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----",
        "ABCDEFGHIJKLMNOP", "0123456789", "abcdefghij", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "/+==", " ", "\n", "\"", "'", ":",
        "k-", "yJ", "cr", "CR", "Iz", "-B", "p_", "b_", "ſecret_access_key=", "aws_ſecret: ", "\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"", "bearer abcdefghijkl", "é", "中文", "👩‍👩‍👧", "\u{0}", "_", "-", "[REDACTED:x]",
    ]

    @Test func sameResultAsRunningEveryExpression() {
        var rng = SplitMix64(seed: 0x5EC2E7)
        var differences: [String] = []
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int(1 + rng.next() % 12) { text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            var a = RedactionCounts(), b = RedactionCounts()
            let filtered = Redactor.builtin.redact(text, counts: &a)
            let full = Self.unfiltered.redact(text, counts: &b)
            if filtered != full || a != b { differences.append(text.debugDescription) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    /// The rules the scan finds possible are exactly those whose literal the text holds (ASCII
    /// case ignored for a case-insensitive rule, which any folding scalar also makes possible),
    /// with the pieces at every offset from the eight-byte steps of the scan.
    @Test func possibleRulesAreExactlyTheRulesWhoseLiteralsOccur() {
        let rules = BuiltinRedactionRules.all
        let prefilter = RedactionPrefilter(rules: rules)
        func occurs(_ literal: [UInt8], in text: [UInt8], ignoringCase: Bool) -> Bool {
            guard literal.count <= text.count else { return false }
            func fold(_ b: UInt8) -> UInt8 { ignoringCase && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A ? b | 0x20 : b }
            return (0...(text.count - literal.count)).contains { start in (0..<literal.count).allSatisfy { fold(text[start + $0]) == fold(literal[$0]) } }
        }
        var rng = SplitMix64(seed: 0x5EC2E8)
        let filler = Array("plain text, words and spaces. ".utf8)
        for round in 0..<4000 {
            var text = Array(filler.prefix(round % 17))
            for _ in 0..<Int(1 + rng.next() % 4) {
                text += Array(Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))].utf8)
                text += Array(filler.prefix(Int(rng.next() % 19)))
            }
            let hasFolding = RedactionPrefilter.asciiFoldingScalars.contains { occurs($0, in: text, ignoringCase: false) }
            var expected: UInt64 = 0
            for (index, rule) in rules.enumerated() {
                guard let hint = rule.hint else { expected |= 1 << UInt64(index); continue }
                if hint.literals.contains(where: { occurs($0, in: text, ignoringCase: hint.caseInsensitive) }) || (hint.caseInsensitive && hasFolding) {
                    expected |= 1 << UInt64(index)
                }
            }
            let got = text.withUnsafeBufferPointer { prefilter.possibleRules($0) }
            #expect(got.bits == expected, "\(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    /// Literals are looked for by their rarest pair, not by their first bytes: `sk` and `se` are
    /// everywhere in prose, `k-` and `cr` are not.
    @Test func literalsAreAnchoredOnTheirRarestPair() {
        func anchor(_ literal: String, _ caseInsensitive: Bool = false) -> String {
            let bytes = Array(literal.utf8)
            let k = RedactionPrefilter.anchor(of: bytes, caseInsensitive: caseInsensitive)
            return String(decoding: bytes[k..<min(bytes.count, k + 2)], as: UTF8.self)
        }
        #expect(anchor("sk-") == "k-")
        #expect(anchor("eyJ") == "yJ")
        #expect(anchor("secret", true) == "cr")
        #expect(anchor("bearer", true) == "be")
        #expect(anchor("AIza") == "Iz")
        #expect(anchor("-----BEGIN ") == "-B")
        #expect(anchor("@") == "@")
    }

    @Test func foldingLettersReachCaseInsensitiveRules() {
        let text = "Authorization: ßearer abcdefghijkl (ß folds to ss, not b) and ſecret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        var a = RedactionCounts(), b = RedactionCounts()
        #expect(Redactor.builtin.redact(text, counts: &a) == Self.unfiltered.redact(text, counts: &b))
        #expect(a == b)
    }

    /// The scalars the prefilter treats as folding onto ASCII letters are exactly those Python's
    /// Unicode tables say have an ASCII letter in their case folding, lower, upper or title case.
    @Test func foldingScalarsMatchPythonsUnicodeTables() throws {
        let script = """
            out = []
            for cp in range(0x80, 0x110000):
                if 0xD800 <= cp <= 0xDFFF: continue
                ch = chr(cp)
                if any(any(ord(c) < 0x80 and c.isalpha() for c in m) for m in (ch.casefold(), ch.lower(), ch.upper(), ch.title())):
                    out.append("%X" % cp)
            print(" ".join(out))
            """
        let result = try run("python3", ["-c", script])
        try #require(result.status == 0, "\(result.output)")
        let python = result.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let ours = RedactionPrefilter.asciiFoldingScalars.map { bytes in
            String(decoding: bytes, as: UTF8.self).unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined()
        }
        #expect(ours == python)
    }
}
