import Foundation

/// One redaction rule: a name (shown in the replacement and counted in run.json) and a regular
/// expression. When the expression has a capture group, only group 1 is replaced (so `Bearer `
/// or `aws_secret_access_key=` stay readable); otherwise the whole match is.
public struct RedactionRule: @unchecked Sendable {
    // NSRegularExpression is immutable and documented as safe to use from several threads.
    public let name: String
    public let pattern: String
    let expression: NSRegularExpression

    /// - Throws: ``RedactionPatternError`` naming the rule when the pattern does not compile.
    public init(name: String, pattern: String, caseInsensitive: Bool = false) throws(RedactionPatternError) {
        self.name = name
        self.pattern = pattern
        do {
            expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw RedactionPatternError(name: name, pattern: pattern, message: "\(error)")
        }
    }
}
