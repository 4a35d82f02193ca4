/// A configured redaction pattern is not a valid regular expression.
public struct RedactionPatternError: Error, Sendable, CustomStringConvertible {
    public var name: String
    public var pattern: String
    public var message: String
    public var description: String { "redaction pattern \(name) (\(pattern)) is not a valid regular expression: \(message)" }
}
