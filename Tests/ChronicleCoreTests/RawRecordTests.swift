import ChronicleCore
import ChronicleJSON
import Testing

/// A record's parsed value travels with it only as long as its bytes stay what was parsed.
@Suite("Raw records")
struct RawRecordTests {
    @Test func changingTheBytesDropsTheParsedValueAndIdentityIgnoresIt() throws {
        var record = RawRecord(kind: "event", request: "GET /x", bytes: Array(#"{"a":1}"#.utf8))
        let plain = record
        record.parsed = try JSONParser.parse(record.bytes)
        #expect(record.parsed?["a"] == .number("1"))
        #expect(record == plain)
        #expect(record.hashValue == plain.hashValue)
        record.bytes = Array(#"{"a":2}"#.utf8)
        #expect(record.parsed == nil)
        record.parsed = try JSONParser.parse(record.bytes)
        record.bytes.append(0x20)
        #expect(record.parsed == nil)
        #expect(record != plain)
    }
}
