import ChronicleCore
import Foundation
import Testing

/// `chronicle usage --by week|month` labels, checked day by day against Foundation's ISO 8601
/// calendar (an implementation nobody here wrote), across years whose first or last days belong
/// to the neighbouring week-year.
@Suite("Usage periods")
struct UsagePeriodTests {
    @Test func weeksAndMonthsMatchTheISOCalendar() throws {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = try #require(TimeZone(identifier: "UTC"))
        var day = try #require(iso.date(from: DateComponents(year: 2018, month: 12, day: 20)))
        let end = try #require(iso.date(from: DateComponents(year: 2032, month: 1, day: 10)))
        var checked = 0
        while day < end {
            let c = iso.dateComponents([.year, .month, .day, .yearForWeekOfYear, .weekOfYear], from: day)
            let text = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
            #expect(UsagePeriod.week.label(ofDay: text) == String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0), "\(text)")
            #expect(UsagePeriod.month.label(ofDay: text) == String(text.prefix(7)))
            #expect(UsagePeriod.day.label(ofDay: text) == text)
            day = try #require(iso.date(byAdding: .day, value: 1, to: day))
            checked += 1
        }
        #expect(checked > 4700)
    }

    @Test func aDayThatDoesNotExistHasNoPeriod() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-4-01", "", "2026-04-31"] {
            #expect(UsagePeriod.parse(text) == nil, "\(text)")
            #expect(UsagePeriod.month.label(ofDay: text) == "", "\(text)")
        }
        #expect(UsagePeriod.parse("2028-02-29") != nil)
    }
}
