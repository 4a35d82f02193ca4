/// The result of ``JSONLargeStringExtractor/finish()``.
public struct JSONExtractedEnvelope: Sendable {
    /// The document with the extracted member's string value replaced by `null`; every other
    /// byte is kept verbatim.
    public let raw: [UInt8]
    /// ``raw`` parsed.
    public let value: JSONValue
    /// Whether the member was present with a string value.
    public let memberFound: Bool
    /// Whether the member was present with a `null` value.
    public let memberWasNull: Bool
    /// Number of decoded content bytes delivered to the `onStringChunk` callback.
    public let stringByteCount: Int

    /// Creates an extracted envelope.
    public init(raw: [UInt8], value: JSONValue, memberFound: Bool, memberWasNull: Bool, stringByteCount: Int) {
        self.raw = raw
        self.value = value
        self.memberFound = memberFound
        self.memberWasNull = memberWasNull
        self.stringByteCount = stringByteCount
    }
}
