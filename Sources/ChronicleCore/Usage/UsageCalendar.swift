import Foundation

/// Calendar days in one IANA time zone: the day buckets of `daily.csv`.
public struct UsageCalendar: Sendable, Hashable {
    /// The IANA name as configured (`Europe/Berlin`, `UTC`).
    public let identifier: String
    private let zone: TimeZone

    /// nil when `identifier` is not a known IANA time zone name.
    public init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    public static let utc = UsageCalendar(utcNamed: "UTC")

    private init(utcNamed name: String) {
        identifier = name
        zone = TimeZone(secondsFromGMT: 0) ?? TimeZone.current
    }

    /// `YYYY-MM-DD` of the instant in this zone, on the proleptic Gregorian calendar that
    /// ISO 8601 and the timestamps use. The zone gives only the offset: Foundation's Gregorian
    /// calendar switches to the Julian one before 1582 and put `0001-01-01` on `0001-01-03`.
    public func day(epochMilliseconds ms: Int64) -> String {
        let (seconds, _) = Timestamp.floorDivide(ms, 1000)
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let (days, _) = Timestamp.floorDivide(seconds &+ offset, 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        return Self.pad(Int(y), 4) + "-" + Self.pad(Int(m), 2) + "-" + Self.pad(Int(d), 2)
    }

    /// `YYYY-MM-DD HH:MM:SS` of the instant in this zone (seconds truncated): the form
    /// LibreOffice and Excel read as a date and time, for the CSVs' time columns.
    public func dateTime(epochMilliseconds ms: Int64) -> String {
        let (seconds, _) = Timestamp.floorDivide(ms, 1000)
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let (days, secondOfDay) = Timestamp.floorDivide(seconds &+ offset, 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        return Self.pad(Int(y), 4) + "-" + Self.pad(Int(m), 2) + "-" + Self.pad(Int(d), 2) + " "
            + Self.pad(Int(secondOfDay / 3600), 2) + ":" + Self.pad(Int((secondOfDay / 60) % 60), 2) + ":" + Self.pad(Int(secondOfDay % 60), 2)
    }

    /// The instant of a wall-clock time in this zone (for a time that a daylight-saving change
    /// skips or repeats, the one Foundation picks); nil when the fields are not a real time.
    public func epochMilliseconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard parts.isValidDate(in: calendar), let date = calendar.date(from: parts) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public static func == (lhs: UsageCalendar, rhs: UsageCalendar) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
