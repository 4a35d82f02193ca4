import ChronicleCommands
import ChronicleCore
import Foundation
import Testing

/// Day buckets in the configured zone, across midnight and daylight-saving changes.
@Suite("Day buckets by time zone")
struct TimezoneTests {
    static func event(_ iso: String?, id: String?, model: String = "claude-sonnet-4-6", input: Int64 = 100) -> Event {
        Event(
            id: id, index: 0, kind: .assistantMessage, platformType: "msg", createdAt: iso.map(Timestamp.iso8601),
            model: model, usage: Usage(inputTokens: input, outputTokens: 1), requestID: id
        )
    }

    static func days(_ zone: String, _ events: [Event], created: String? = nil) throws -> [String: Int64] {
        let calendar = try #require(UsageCalendar(identifier: zone))
        var ledger = SessionUsageLedger(calendar: calendar)
        var totals = SessionTotals()
        for e in events {
            ledger.add(e)
            totals.add(e)
        }
        let session = Session(id: "s", agentID: "a", createdAt: created.map(Timestamp.iso8601))
        let usage = ledger.finish(session: session, totals: totals, prices: .builtIn)
        var out: [String: Int64] = [:]
        for b in usage.buckets { out[b.day, default: 0] += b.counts.inputTokens ?? 0 }
        return out
    }

    @Test func berlinSpringForward() throws {
        // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
        let d = try Self.days("Europe/Berlin", [
            Self.event("2026-03-28T22:59:59Z", id: "a", input: 1),   // 23:59:59 CET on the 28th
            Self.event("2026-03-28T23:00:00Z", id: "b", input: 10),  // 00:00 CET on the 29th
            Self.event("2026-03-29T21:59:59Z", id: "c", input: 100), // 23:59:59 CEST on the 29th
            Self.event("2026-03-29T22:00:00Z", id: "d", input: 1000), // 00:00 CEST on the 30th
        ])
        #expect(d == ["2026-03-28": 1, "2026-03-29": 110, "2026-03-30": 1000])
    }

    @Test func berlinFallBack() throws {
        // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET (01:00 UTC); the day has 25 hours.
        let d = try Self.days("Europe/Berlin", [
            Self.event("2026-10-24T21:59:59Z", id: "a", input: 1),   // 23:59:59 CEST on the 24th
            Self.event("2026-10-24T22:00:00Z", id: "b", input: 10),  // 00:00 CEST on the 25th
            Self.event("2026-10-25T00:30:00Z", id: "c", input: 20),  // 02:30 CEST
            Self.event("2026-10-25T01:30:00Z", id: "d", input: 40),  // 02:30 CET (the repeated hour)
            Self.event("2026-10-25T22:59:59Z", id: "e", input: 100), // 23:59:59 CET on the 25th
            Self.event("2026-10-25T23:00:00Z", id: "f", input: 1000), // 00:00 CET on the 26th
        ])
        #expect(d == ["2026-10-24": 1, "2026-10-25": 170, "2026-10-26": 1000])
    }

    @Test func newYorkAcrossMidnightAndDST() throws {
        // 2026-03-08 spring forward, 2026-11-01 fall back (EDT −4, EST −5).
        let d = try Self.days("America/New_York", [
            Self.event("2026-03-08T04:59:59Z", id: "a", input: 1),  // 23:59:59 EST on the 7th
            Self.event("2026-03-08T05:00:00Z", id: "b", input: 10), // 00:00 EST on the 8th
            Self.event("2026-03-09T03:59:59Z", id: "c", input: 100), // 23:59:59 EDT on the 8th
            Self.event("2026-11-01T03:59:59Z", id: "d", input: 1000), // 23:59:59 EDT on Oct 31
            Self.event("2026-11-02T04:59:59Z", id: "e", input: 10000), // 23:59:59 EST on Nov 1
            Self.event("2026-11-02T05:00:00Z", id: "f", input: 100000), // 00:00 EST on Nov 2
        ])
        #expect(d == ["2026-03-07": 1, "2026-03-08": 110, "2026-10-31": 1000, "2026-11-01": 10000, "2026-11-02": 100000])
    }

    @Test func utcDefaultAndOffsetsInTheData() throws {
        let d = try Self.days("UTC", [
            Self.event("2026-11-20T23:30:00-02:00", id: "a", input: 1), // 01:30 UTC on the 21st
            Self.event("2026-11-21T00:30:00+02:00", id: "b", input: 10), // 22:30 UTC on the 20th
        ])
        #expect(d == ["2026-11-21": 1, "2026-11-20": 10])
    }

    @Test func requestWithoutTimeGoesToTheSessionsStartDay() throws {
        let d = try Self.days("Europe/Berlin", [
            Self.event(nil, id: "a", input: 1),
            Self.event("2026-03-28T23:30:00Z", id: "b", input: 10),
            Self.event("2026-03-30T10:00:00Z", id: "c", input: 100),
        ])
        // The session starts with its first timestamped event: 00:30 CET on the 29th.
        #expect(d == ["2026-03-29": 11, "2026-03-30": 100])
        let none = try Self.days("UTC", [Self.event(nil, id: "a", input: 5)], created: "2026-01-02T03:04:05Z")
        #expect(none == ["2026-01-02": 5])
    }

    @Test func repeatedRequestIDsCountOnceAndEventsWithoutIDEachCount() throws {
        let d = try Self.days("UTC", [
            Self.event("2026-11-20T10:00:00Z", id: "m1", input: 7),
            Self.event("2026-11-20T10:00:01Z", id: "m1", input: 7),
            Self.event("2026-11-20T10:00:02Z", id: nil, input: 3),
            Self.event("2026-11-20T10:00:03Z", id: nil, input: 3),
        ])
        #expect(d == ["2026-11-20": 13])
    }

    /// Days on the proleptic Gregorian calendar, as the timestamps are: Foundation's Gregorian
    /// calendar is Julian before 1582 and put 0001-01-01 on 0001-01-03.
    @Test func earlyDatesStayOnTheirDay() throws {
        #expect(try Self.days("UTC", [Self.event("0001-01-01T12:00:00Z", id: "a", input: 5)]) == ["0001-01-01": 5])
        #expect(try Self.days("UTC", [Self.event("1582-10-10T00:00:00Z", id: "b", input: 7)]) == ["1582-10-10": 7])
        #expect(try Self.days("Europe/Berlin", [Self.event("1000-06-30T23:30:00Z", id: "c", input: 9)]) == ["1000-07-01": 9])
        #expect(UsageCalendar.utc.day(epochMilliseconds: -1) == "1969-12-31")
        #expect(UsageCalendar.utc.day(epochMilliseconds: 0) == "1970-01-01")
    }

    @Test func invalidTimezoneIsABadCommandLine() async throws {
        let command = try ExportCommand.parse(["--timezone", "Mars/Olympus_Mons", "--out", "/nonexistent-chronicle-test"])
        #expect(await command.execute(environment: [:]) == 64)
        #expect(UsageCalendar(identifier: "Europe/Berlin") != nil)
        #expect(UsageCalendar(identifier: "") == nil)
    }
}
