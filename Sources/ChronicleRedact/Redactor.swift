import Foundation

/// Replaces secrets in text meant for people (HTML, CSV) with `[REDACTED:<rule>]`, counting each
/// rule's replacements. The archive is never redacted: it stays lossless.
///
/// ```swift
/// let redactor = try Redactor(extraPatterns: ["ACME-[0-9]{6}"])
/// var counts = RedactionCounts()
/// let shown = redactor.redact(text, counts: &counts)
/// if counts.overBudgetTotal > 0 { /* warn: counts.overBudgetSorted */ }
/// ```
///
/// Rules apply one after the other, each to the text the rules before it left. Built-in rules
/// run as byte scanners in time linear in the text. A configured pattern's expression runs
/// within ``patternBudget``; when it runs out on a text, nothing of that text is shown: the
/// whole text becomes `[REDACTED:<rule>:over-budget]` (a secrets filter that could not finish
/// must not show what it did not check) and ``RedactionCounts/overBudgetByRule`` counts it.
public struct Redactor: Sendable {
    public let rules: [RedactionRule]
    /// Tells, in one pass over a text, which rules need to run.
    let prefilter: RedactionPrefilter
    /// Per rule: its replacement (`[REDACTED:<rule>]`, UTF-8) and what the prefilter says of it.
    private let markers: [(bytes: [UInt8], possible: RedactionPrefilter.RuleMask)]
    /// Per rule: whether a configured rule with a literal prefix comes after it. Such a prefix
    /// may span a marker's edge, so the text is scanned again after a replacement; built-in
    /// literals hold neither `[` nor `]` and appear in the replaced text only where they were or
    /// inside a marker.
    private let rescanAfter: [Bool]
    /// How long a configured pattern may run on one text.
    public var patternBudget: RedactionTimeBudget = .standard

    /// A redactor that changes nothing.
    public static let disabled = Redactor(rules: [])

    /// The built-in rules, in the order they are applied (more specific before more general).
    public static let builtin: Redactor = Redactor(rules: BuiltinRedactionRules.all)

    public init(rules: [RedactionRule]) {
        self.rules = rules
        let prefilter = RedactionPrefilter(rules: rules)
        self.prefilter = prefilter
        markers = rules.map { rule in
            let bytes = Array("[REDACTED:\(rule.name)]".utf8)
            return (bytes, bytes.withUnsafeBufferPointer { prefilter.possibleRules($0) })
        }
        rescanAfter = rules.indices.map { i in rules[(i + 1)...].contains { $0.scanner == nil && $0.hint != nil } }
    }

    /// The built-in rules (unless `builtin` is false) followed by `extraPatterns`, named
    /// `pattern-1`, `pattern-2`, … (the config's `[redact] patterns`).
    public init(builtin: Bool = true, extraPatterns: [String]) throws(RedactionPatternError) {
        var rules = builtin ? BuiltinRedactionRules.all : []
        for (i, pattern) in extraPatterns.enumerated() {
            rules.append(try RedactionRule(name: "pattern-\(i + 1)", pattern: pattern))
        }
        self.init(rules: rules)
    }

    public var isEnabled: Bool { !rules.isEmpty }

    /// What a text becomes when `rule` ran out of its time budget on it.
    public static func overBudgetMarker(_ rule: String) -> String { "[REDACTED:\(rule):over-budget]" }

    /// `text` with every match replaced; `counts` gains one per replacement, and one in
    /// `overBudgetByRule` when a configured pattern ran out of time (the text is then withheld).
    public func redact(_ text: String, counts: inout RedactionCounts) -> String {
        guard !rules.isEmpty, !text.isEmpty else { return text }
        var current = text
        // Skip a rule when one scan shows it cannot match. Later rules see the replaced text:
        // a replacement adds what its marker makes possible, or scans again (``rescanAfter``).
        var possible = current.withUTF8 { prefilter.possibleRules($0) }
        for index in rules.indices {
            guard possible.contains(index) else { continue }
            let rule = rules[index]
            let replaced: Int
            if let scanner = rule.scanner {
                replaced = Self.replace(scanner, marker: markers[index].bytes, in: &current)
                if replaced > 0, !rescanAfter[index] {
                    counts.add(rule.name, replaced)
                    possible.bits |= markers[index].possible.bits
                    continue
                }
            } else {
                guard let n = Self.replaceWithinBudget(rule, in: &current, budget: patternBudget) else {
                    counts.addOverBudget(rule.name)
                    return Self.overBudgetMarker(rule.name)
                }
                replaced = n
            }
            guard replaced > 0 else { continue }
            counts.add(rule.name, replaced)
            possible = current.withUTF8 { prefilter.possibleRules($0) }
        }
        return current
    }

    /// `text` redacted, without counting (a text withheld for time is still withheld).
    public func redact(_ text: String) -> String {
        var ignored = RedactionCounts()
        return redact(text, counts: &ignored)
    }

    /// Replaces what `scanner` finds in `text`; returns how many replacements.
    private static func replace(_ scanner: any BuiltinRuleScanner, marker: [UInt8], in text: inout String) -> Int {
        let (result, count) = text.withUTF8 { bytes -> (String?, Int) in
            let ranges = scanner.replacementRanges(in: UTF8Text(bytes))
            guard !ranges.isEmpty else { return (nil, 0) }
            return (ReplacedText.build(bytes, replacing: ranges, with: marker), ranges.count)
        }
        if let result { text = result }
        return count
    }

    /// Replaces the matches of a configured rule's expression; nil when it ran out of time.
    private static func replaceWithinBudget(_ rule: RedactionRule, in text: inout String, budget: RedactionTimeBudget) -> Int? {
        let limit = budget.limit(forUTF8Count: text.utf8.count)
        guard let matches = rule.matches(in: text, within: limit) else { return nil }
        let ranges = matches.compactMap(rule.replacementRange)
        guard !ranges.isEmpty else { return 0 }
        text = ReplacedText.build(text, replacingUTF16: ranges, with: "[REDACTED:\(rule.name)]")
        return ranges.count
    }
}
