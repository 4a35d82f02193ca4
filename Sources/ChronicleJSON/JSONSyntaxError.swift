/// A syntax error found while parsing or validating a complete JSON document.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Zero-based byte offset of the offending byte within the parsed buffer.
    public let offset: Int
    /// A human-readable explanation of the problem.
    public let message: String

    /// Creates a syntax error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `invalid JSON at byte <offset>: <message>`.
    public var description: String {
        "invalid JSON at byte \(offset): \(message)"
    }
}
