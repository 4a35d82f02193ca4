/// Text from a platform — an id above all — compared and hashed by its exact UTF-8 bytes.
///
/// Swift's `String` equality is canonical equivalence: `agent:main:dm:Café` (NFC) and
/// `…Cafe\u{301}` (NFD) are equal strings, so keyed by `String` two sessions, requests or agents
/// became one (one history request, one archive, one cost). Every collection keyed by a
/// platform id uses this instead, as SQLite's BINARY collation and the file system do.
public struct ExactText: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        a.text.utf8.elementsEqual(b.text.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text.utf8.count)
        for byte in text.utf8 { hasher.combine(byte) }
    }

    /// Bytewise order.
    public static func < (a: ExactText, b: ExactText) -> Bool {
        a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }

    public var description: String { text }

    /// Encoded as the plain string.
    public init(from decoder: any Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
