import ChronicleCore
import Foundation
import Testing

/// `Timestamp.iso8601(_:zonelessIn:)`: a zoneless date-time is wall-clock time of a zone,
/// converted with that zone's rules for that date, including the hours clocks skip or repeat.
@Suite struct ZonelessTimestampTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")
    static let kolkata = TimeZone(identifier: "Asia/Kolkata")

    @Test(arguments: [
        ("2026-11-20T11:00:00", "2026-11-20T10:00:00.000Z"),  // CET, +01:00
        ("2026-07-01T12:00:00.500000", "2026-07-01T10:00:00.500Z"),  // CEST, +02:00
        ("2026-10-25T02:30:00", "2026-10-25T00:30:00.000Z"),  // happens twice: the earlier (CEST)
        ("2026-10-25T03:30:00", "2026-10-25T02:30:00.000Z"),  // after the change: CET
        ("2026-03-29T02:30:00", "2026-03-29T01:30:00.000Z"),  // skipped: the offset before the change
        ("2026-03-29T03:30:00", "2026-03-29T01:30:00.000Z"),  // after the change: CEST
        ("2026-11-20", "2026-11-19T23:00:00.000Z"),  // a date: local midnight
        ("2026-11-20T11:00:00Z", "2026-11-20T11:00:00.000Z"),  // a zone given: as it says
        ("2026-11-20T11:00:00+05:30", "2026-11-20T05:30:00.000Z"),
    ])
    func berlinWallClock(_ text: String, _ utc: String) throws {
        let t = Timestamp.iso8601(text, zonelessIn: try #require(Self.berlin))
        #expect(t.utcString == utc)
        #expect(t.original == text)
        #expect(t.assumedUTC == false)
    }

    @Test func kolkataHasAHalfHourOffset() throws {
        let t = Timestamp.iso8601("2026-12-06T13:27:37.042298", zonelessIn: try #require(Self.kolkata))
        #expect(t.utcString == "2026-12-06T07:57:37.042Z")
    }

    @Test func utcZoneEqualsTheZonelessDefault() throws {
        let text = "2026-11-20T11:00:00.250"
        let t = Timestamp.iso8601(text, zonelessIn: try #require(TimeZone(identifier: "UTC")))
        #expect(t.epochMilliseconds == Timestamp.iso8601(text).epochMilliseconds)
    }

    @Test func unreadableTextKeepsItsOriginal() throws {
        let t = Timestamp.iso8601("yesterday", zonelessIn: try #require(Self.berlin))
        #expect(t.epochMilliseconds == nil)
        #expect(t.original == "yesterday")
    }
}
