@_spi(RedactionReference) @testable import ChronicleRedact
import Foundation
import Testing

/// The byte scanners against the regular expressions they replace (`NSRegularExpression`, as
/// redaction ran before them): the same text out and the same counts, on a corpus built to sit
/// on every edge of every rule (``RedactionCorpus``), for the built-in redactor as a whole
/// (later rules see earlier replacements) and for each rule alone.
///
/// Corpus (seed 0xC40A1C1E, made in the test): 12,000 texts, 3,636,172 bytes of UTF-8. The
/// expressions replace, in the whole redactor: 225 private keys, 835 Anthropic, 1,020 OpenAI,
/// 1,842 GitHub, 851 Slack, 1,163 Google, 552 Stripe and 158 AWS access keys, 116 AWS secret
/// keys, 451 JWTs, 550 bearer tokens and 2,863 e-mail addresses; the test fails if any rule
/// falls under 100, so the corpus cannot silently stop reaching one.
@Suite("Built-in scanners match the expressions")
struct BuiltinScannerDifferentialTests {
    static let corpus: [String] = {
        var generator = RedactionCorpus(seed: 0xC40A_1C1E)
        return (0..<12_000).map { _ in generator.text() }
    }()

    @Test func wholeRedactorSameAsExpressions() {
        var differences: [String] = []
        var totals = RedactionCounts()
        for text in Self.corpus {
            var scanned = RedactionCounts(), expected = RedactionCounts()
            let out = Redactor.builtin.redact(text, counts: &scanned)
            let reference = Redactor.builtin.redactWithExpressions(text, counts: &expected)
            totals.merge(expected)
            if out != reference || scanned != expected {
                differences.append("\(text.debugDescription)\n  scanner:    \(out.debugDescription) \(scanned.byRule)\n  expression: \(reference.debugDescription) \(expected.byRule)")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(3).joined(separator: "\n"))")
        for rule in Redactor.builtin.rules {
            #expect(totals.byRule[rule.name, default: 0] >= 100, "the corpus reaches \(rule.name) only \(totals.byRule[rule.name, default: 0]) times")
        }
        let bytes = Self.corpus.reduce(0) { $0 + $1.utf8.count }
        print("corpus: \(Self.corpus.count) texts, \(bytes) bytes, matches \(totals.sorted.map { "\($0.rule)=\($0.count)" }.joined(separator: " "))")
    }

    @Test(arguments: Redactor.builtin.rules.map(\.name))
    func eachRuleAloneSameAsItsExpression(_ name: String) throws {
        let rule = try #require(Redactor.builtin.rules.first { $0.name == name })
        let alone = Redactor(rules: [rule])
        var differences: [String] = []
        for text in Self.corpus {
            var scanned = RedactionCounts(), expected = RedactionCounts()
            let out = alone.redact(text, counts: &scanned)
            let reference = alone.redactWithExpressions(text, counts: &expected)
            if out != reference || scanned != expected {
                differences.append("\(text.debugDescription)\n  scanner:    \(out.debugDescription)\n  expression: \(reference.debugDescription)")
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(3).joined(separator: "\n"))")
    }
}
