/// A command line that cannot be run as given: the command layer's one error type (exit 64, or
/// 78 for configuration).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
