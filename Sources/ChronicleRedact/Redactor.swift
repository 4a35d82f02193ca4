import Foundation

/// Replaces secrets in text meant for people (HTML, CSV) with `[REDACTED:<rule>]`, counting each
/// rule's replacements. The archive is never redacted: it stays lossless.
///
/// ```swift
/// let redactor = try Redactor(extraPatterns: ["ACME-[0-9]{6}"])
/// var counts = RedactionCounts()
/// let shown = redactor.redact(text, counts: &counts)
/// ```
public struct Redactor: Sendable {
    public let rules: [RedactionRule]
    /// Tells, in one pass over a text, which rules' expressions need to run.
    let prefilter: RedactionPrefilter

    /// A redactor that changes nothing.
    public static let disabled = Redactor(rules: [])

    /// The built-in rules, in the order they are applied (more specific before more general).
    public static let builtin: Redactor = Redactor(rules: BuiltinRedactionRules.all)

    public init(rules: [RedactionRule]) {
        self.rules = rules
        prefilter = RedactionPrefilter(rules: rules)
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

    /// `text` with every match replaced; `counts` gains one per replacement.
    public func redact(_ text: String, counts: inout RedactionCounts) -> String {
        guard !rules.isEmpty, !text.isEmpty else { return text }
        var current = text
        // Skip a rule's regular expression when one scan shows it cannot match; scan again after
        // a replacement, since later rules see the replaced text.
        var possible = current.withUTF8 { prefilter.possibleRules($0) }
        for (index, rule) in rules.enumerated() {
            guard possible.contains(index) else { continue }
            let ns = current as NSString
            let matches = rule.expression.matches(in: current, range: NSRange(location: 0, length: ns.length))
            guard !matches.isEmpty else { continue }
            let result = NSMutableString(string: current)
            var replaced = 0
            for match in matches.reversed() {
                var range = match.range
                if match.numberOfRanges > 1 {
                    let group = match.range(at: 1)
                    if group.location != NSNotFound { range = group }
                }
                guard range.length > 0 else { continue }
                result.replaceCharacters(in: range, with: "[REDACTED:\(rule.name)]")
                replaced += 1
            }
            counts.add(rule.name, replaced)
            current = result as String
            possible = current.withUTF8 { prefilter.possibleRules($0) }
        }
        return current
    }

    /// `text` redacted, without counting.
    public func redact(_ text: String) -> String {
        var ignored = RedactionCounts()
        return redact(text, counts: &ignored)
    }
}
