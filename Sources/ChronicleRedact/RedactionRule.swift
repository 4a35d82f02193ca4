import Foundation

/// One redaction rule: a name (shown in the replacement and counted in run.json) and a regular
/// expression. When the expression has a capture group, only group 1 is replaced (so `Bearer `
/// or `aws_secret_access_key=` stay readable); otherwise the whole match is.
///
/// A built-in rule is applied by a byte scanner that finds exactly what its expression finds,
/// in linear time; a configured rule runs its expression within a time budget (see
/// ``Redactor/patternBudget``).
public struct RedactionRule: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to use from several threads.
    public let name: String
    public let pattern: String
    let expression: NSRegularExpression
    /// A cheap necessary condition for a match, when one is known: the built-in rules' literals,
    /// or a configured pattern's literal prefix (``ConfiguredPatternPrefix``).
    let hint: RedactionHint?
    /// The built-in rule's scanner; nil for a configured rule.
    let scanner: (any BuiltinRuleScanner)?

    /// - Throws: ``RedactionPatternError`` naming the rule when the pattern does not compile.
    public init(name: String, pattern: String, caseInsensitive: Bool = false) throws(RedactionPatternError) {
        try self.init(
            name: name, pattern: pattern, caseInsensitive: caseInsensitive,
            hint: ConfiguredPatternPrefix.hint(for: pattern, caseInsensitive: caseInsensitive), scanner: nil)
    }

    init(name: String, pattern: String, caseInsensitive: Bool, hint: RedactionHint?, scanner: (any BuiltinRuleScanner)?) throws(RedactionPatternError) {
        self.name = name
        self.pattern = pattern
        self.hint = hint
        self.scanner = scanner
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw RedactionPatternError(name: name, pattern: pattern, message: "\(error)")
        }
    }
}

/// A necessary condition for a rule to match: the text holds at least one of `literals` (for a
/// case-insensitive rule, ignoring case; see ``RedactionPrefilter`` for how non-ASCII text is
/// treated then).
struct RedactionHint: Sendable {
    let literals: [[UInt8]]
    let caseInsensitive: Bool

    init(_ literals: [String], caseInsensitive: Bool = false) {
        self.literals = literals.map { Array($0.utf8) }
        self.caseInsensitive = caseInsensitive
    }
}
