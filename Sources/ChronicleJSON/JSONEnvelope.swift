/// The result of ``JSONRecordSplitter/finish()``: everything in the document except the
/// record array's contents.
public struct JSONEnvelope: Sendable {
    /// The document's bytes with the record array's contents removed (the array becomes `[]`);
    /// every other byte, including whitespace, is kept verbatim.
    public let raw: [UInt8]
    /// ``raw`` parsed.
    public let value: JSONValue
    /// Number of records delivered to the `onRecord` callback.
    public let recordCount: Int
    /// Whether the record array was found. `false` when the member is absent or `null`, or the
    /// top-level value has the wrong shape (not an object for `.member`, not an array for `.root`).
    public let foundRecordArray: Bool

    /// Creates an envelope.
    public init(raw: [UInt8], value: JSONValue, recordCount: Int, foundRecordArray: Bool) {
        self.raw = raw
        self.value = value
        self.recordCount = recordCount
        self.foundRecordArray = foundRecordArray
    }
}
