import Foundation

extension Redactor {
    /// The redaction as it was before the byte scanners: every rule's regular expression run
    /// with `NSRegularExpression`, with no time budget (so quadratic or worse on some texts).
    /// Matches are replaced exactly at their UTF-16 offsets (``ReplacedText``); the code this
    /// replaces used `NSMutableString`, which on Linux left a match's last character when a
    /// combining mark or the like followed it.
    /// The definition the scanners are tested against and the baseline of the benchmark; never
    /// on the export's path.
    @_spi(RedactionReference)
    public func redactWithExpressions(_ text: String, counts: inout RedactionCounts) -> String {
        guard !rules.isEmpty, !text.isEmpty else { return text }
        var current = text
        var possible = current.withUTF8 { prefilter.possibleRules($0) }
        for (index, rule) in rules.enumerated() {
            guard possible.contains(index) else { continue }
            let ns = current as NSString
            let matches = rule.expression.matches(in: current, range: NSRange(location: 0, length: ns.length))
            let ranges = matches.compactMap(rule.replacementRange)
            guard !ranges.isEmpty else { continue }
            counts.add(rule.name, ranges.count)
            current = ReplacedText.build(current, replacingUTF16: ranges, with: "[REDACTED:\(rule.name)]")
            possible = current.withUTF8 { prefilter.possibleRules($0) }
        }
        return current
    }
}
