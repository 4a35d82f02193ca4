/// The `[redact]` table: applies to HTML and CSV; the archive stays lossless.
public struct RedactConfiguration: Sendable, Equatable {
    /// Redact the built-in kinds (API keys, bearer tokens, JWTs, AWS keys, emails).
    public var builtin: Bool
    /// Extra regular expressions, as written.
    public var patterns: [String]

    public init(builtin: Bool = true, patterns: [String] = []) {
        self.builtin = builtin
        self.patterns = patterns
    }
}
