import Foundation
import ChronicleRedact
import Testing

/// A configured pattern runs within its time budget: past it, the text is withheld whole and
/// the rule counted as over budget, so the export can warn.
@Suite("Configured pattern time budget")
struct ConfiguredPatternBudgetTests {
    @Test(.timeLimit(.minutes(1)))
    func catastrophicPatternIsCutOffAndReported() throws {
        var redactor = try Redactor(extraPatterns: ["(a+)+$"])
        redactor.patternBudget = RedactionTimeBudget(base: .milliseconds(50), perMegabyte: .zero)
        // Backtracking doubles with each `a`: 40 of them and a `b` would take hours.
        let text = "mail bob@example.com then " + String(repeating: "a", count: 40) + "b"
        var counts = RedactionCounts()
        let out = redactor.redact(text, counts: &counts)
        #expect(out == Redactor.overBudgetMarker("pattern-1"))
        #expect(!out.contains("aaaa") && !out.contains("bob@"))
        #expect(counts.overBudgetByRule == ["pattern-1": 1])
        #expect(counts.overBudgetTotal == 1)
        // The built-in rules ran before it and were counted.
        #expect(counts.byRule == ["email": 1])
    }

    @Test func patternWithinBudgetRedactsAsBefore() throws {
        let redactor = try Redactor(extraPatterns: ["(a+)+$"])
        var counts = RedactionCounts()
        #expect(redactor.redact("xx aaaa", counts: &counts) == "xx [REDACTED:pattern-1]")
        #expect(counts.byRule == ["pattern-1": 1])
        #expect(counts.overBudgetByRule.isEmpty)
    }

    @Test func overBudgetCountsMergeAndSurviveEncoding() throws {
        var a = RedactionCounts()
        a.add("email", 2)
        a.addOverBudget("pattern-2")
        var b = RedactionCounts()
        b.addOverBudget("pattern-2", 3)
        b.merge(a)
        #expect(b.overBudgetSorted.map(\.texts) == [4])
        #expect(b.total == 2)
        let data = try JSONEncoder().encode(b)
        #expect(try JSONDecoder().decode(RedactionCounts.self, from: data) == b)
        // Counts written before the field existed still read.
        let old = try JSONDecoder().decode(RedactionCounts.self, from: Data(#"{"byRule":{"jwt":1}}"#.utf8))
        #expect(old.byRule == ["jwt": 1] && old.overBudgetByRule.isEmpty)
        #expect(!String(decoding: try JSONEncoder().encode(old), as: UTF8.self).contains("overBudget"))
    }
}
