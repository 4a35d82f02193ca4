import ChronicleJSON
import Foundation

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
    public var bytes: [UInt8] {
        didSet { parsed = nil }
    }
    /// `bytes` parsed, when whoever split the record from its page parsed it already (see
    /// ``JSONRecordSplitter/feedParsing(_:onRecord:onInvalid:)``); dropped whenever `bytes`
    /// changes. Not part of the record's identity: equality and hashing ignore it.
    public var parsed: JSONValue?
    /// Set when a large member was taken out of the record and stored elsewhere (for example an
    /// artifact's base64 `data`, stored decoded under `artifacts/`); the member's value is `null`
    /// in `bytes` then.
    public var elidedMember: ElidedMember?
    /// How many occurrences of the source's own credential were replaced by `<redacted>` in
    /// `bytes` (see ``SecretScrubber``): the archive marks the record with it.
    public var elidedSecrets = 0
    /// Set when the platform's element was not valid JSON: what is wrong with it. `bytes` then
    /// hold ``unparsedWrapper(_:)`` of the element's exact bytes, so the archive keeps it whole.
    public var invalidJSON: String?

    /// A JSON object keeping bytes that are not valid JSON: `unparsed_base64` (exact) and
    /// `unparsed_text` (as UTF-8, invalid sequences replaced), for people.
    public static func unparsedWrapper(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = Array(#"{"unparsed_base64":""#.utf8)
        out += Array(Data(bytes).base64EncodedString().utf8)
        out += Array(#"","unparsed_text":"#.utf8)
        JSONWriter.appendString(String(decoding: bytes, as: UTF8.self), to: &out)
        out += Array("}".utf8)
        return out
    }

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

extension RawRecord {
    /// Everything but ``parsed``, which only saves parsing `bytes` again.
    public static func == (a: RawRecord, b: RawRecord) -> Bool {
        a.kind == b.kind && a.request == b.request && a.bytes == b.bytes && a.elidedMember == b.elidedMember
            && a.elidedSecrets == b.elidedSecrets && a.invalidJSON == b.invalidJSON
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(request)
        hasher.combine(bytes)
        hasher.combine(elidedMember)
        hasher.combine(elidedSecrets)
        hasher.combine(invalidJSON)
    }
}
