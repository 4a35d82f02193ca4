/// An error describing why a base64 input was rejected by ``StrictBase64Decoder``.
///
/// `offset` is the absolute byte offset in the whole encoded input (counting every byte
/// passed to ``StrictBase64Decoder/decode(_:output:)`` so far, line breaks included).
public struct Base64DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Absolute offset of the offending byte in the whole encoded input, or the input
    /// length when the input ended too early.
    public let offset: Int
    /// Human-readable explanation of what is wrong at `offset`.
    public let reason: String

    /// Creates an error for the byte at `offset` with the given explanation.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// For example: `invalid base64 at offset 1234: '-' is not in the standard alphabet (url-safe base64 is not accepted)`.
    public var description: String {
        "invalid base64 at offset \(offset): \(reason)"
    }
}
