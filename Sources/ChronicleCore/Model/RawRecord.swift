/// A record exactly as the platform sent it: the original bytes of one JSON value (an element of a
/// listing, a response envelope, a log line), and which request it came from.
///
/// Chronicle never re-serialises a raw record: numbers such as `1.10`, `1E+2`, `-0` or 23-digit
/// integers, duplicate keys and unknown fields survive byte for byte in the archive.
public struct RawRecord: Sendable, Hashable {
    /// What kind of record this is (`session`, `event`, `artifact`, `envelope`, …).
    public var kind: String
    /// `METHOD /path?query` relative to the source's base URL.
    public var request: String
    /// The record's original bytes.
    public var bytes: [UInt8]
    /// Set when a large member was taken out of the record and stored elsewhere (for example an
    /// artifact's base64 `data`, stored decoded under `artifacts/`); the member's value is `null`
    /// in `bytes` then.
    public var elidedMember: ElidedMember?
    /// How many occurrences of the source's own credential were replaced by `<redacted>` in
    /// `bytes` (see ``SecretScrubber``): the archive marks the record with it.
    public var elidedSecrets = 0

    public init(kind: String, request: String, bytes: [UInt8], elidedMember: ElidedMember? = nil) {
        self.kind = kind
        self.request = request
        self.bytes = bytes
        self.elidedMember = elidedMember
    }

    /// Describes a member removed from a raw record.
    public struct ElidedMember: Sendable, Hashable {
        public var key: String
        /// Where its content went, e.g. `artifacts/<sha256>.png`, or nil when it was not stored.
        public var storedAs: String?
        /// The length of the member's decoded string value in bytes.
        public var encodedLength: Int

        public init(key: String, storedAs: String?, encodedLength: Int) {
            self.key = key
            self.storedAs = storedAs
            self.encodedLength = encodedLength
        }
    }
}
