/// An error found by one of the incremental scanners (``JSONRecordSplitter``,
/// ``JSONLargeStringExtractor``).
public struct JSONStreamError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Absolute zero-based byte offset within the whole stream (all chunks fed so far).
    public let offset: Int
    /// A human-readable explanation of the problem.
    public let message: String

    /// Creates a stream error at the absolute stream `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// `invalid JSON stream at byte <offset>: <message>`.
    public var description: String {
        "invalid JSON stream at byte \(offset): \(message)"
    }
}
