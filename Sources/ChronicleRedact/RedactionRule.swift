import Foundation

/// One redaction rule: a name (shown in the replacement and counted in run.json) and a regular
/// expression. When the expression has a capture group, only group 1 is replaced (so `Bearer `
/// or `aws_secret_access_key=` stay readable); otherwise the whole match is.
public struct RedactionRule: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to use from several threads.
    public let name: String
    public let pattern: String
    let expression: NSRegularExpression
    /// A cheap necessary condition for a match, when one is known (built-in rules only).
    let hint: RedactionHint?

    /// - Throws: ``RedactionPatternError`` naming the rule when the pattern does not compile.
    public init(name: String, pattern: String, caseInsensitive: Bool = false) throws(RedactionPatternError) {
        try self.init(name: name, pattern: pattern, caseInsensitive: caseInsensitive, hint: nil)
    }

    init(name: String, pattern: String, caseInsensitive: Bool, hint: RedactionHint?) throws(RedactionPatternError) {
        self.name = name
        self.pattern = pattern
        self.hint = hint
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw RedactionPatternError(name: name, pattern: pattern, message: "\(error)")
        }
    }
}

/// A necessary condition for a rule to match: the text holds at least one of `literals`.
///
/// Case-sensitive literals are compared byte for byte (a case-sensitive regular expression
/// matches a literal only by the same code points). For a case-insensitive rule the literals
/// (lowercase ASCII letters) are compared ignoring ASCII case, and a text with any non-ASCII
/// byte always counts as a possible match: Unicode case folding maps a few non-ASCII
/// characters (`ſ`, `K`, `ß`, ligatures, …) onto ASCII letters.
struct RedactionHint: Sendable {
    let literals: [[UInt8]]
    let caseInsensitive: Bool

    init(_ literals: [String], caseInsensitive: Bool = false) {
        self.literals = literals.map { Array($0.utf8) }
        self.caseInsensitive = caseInsensitive
    }

    /// `false` only when the rule cannot match `text`.
    func mayMatch(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if caseInsensitive {
            for b in text where b >= 0x80 { return true }
        }
        for literal in literals where Self.contains(text, literal, caseInsensitive: caseInsensitive) { return true }
        return false
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ literal: [UInt8], caseInsensitive: Bool) -> Bool {
        let m = literal.count
        let n = text.count
        guard m > 0 else { return true }
        guard n >= m else { return false }
        let fold: UInt8 = caseInsensitive ? 0x20 : 0
        return literal.withUnsafeBufferPointer { lit in
            let first = lit[0]
            var i = 0
            let last = n - m
            while i <= last {
                if text[i] | fold == first {
                    var k = 1
                    while k < m && text[i + k] | fold == lit[k] { k += 1 }
                    if k == m { return true }
                }
                i += 1
            }
            return false
        }
    }
}
