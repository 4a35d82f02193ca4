import Foundation

/// Calendar days in one IANA time zone: the day buckets of `daily.csv`.
public struct UsageCalendar: Sendable, Hashable {
    /// The IANA name as configured (`Europe/Berlin`, `UTC`).
    public let identifier: String
    private let calendar: Calendar

    /// nil when `identifier` is not a known IANA time zone name.
    public init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.identifier = identifier
        self.calendar = calendar
    }

    public static let utc = UsageCalendar(utcNamed: "UTC")

    private init(utcNamed name: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        identifier = name
        self.calendar = calendar
    }

    /// `YYYY-MM-DD` of the instant in this zone.
    public func day(epochMilliseconds ms: Int64) -> String {
        let (seconds, _) = ms.quotientAndRemainder(dividingBy: 1000)
        let whole = ms < 0 && ms % 1000 != 0 ? seconds - 1 : seconds
        let date = Date(timeIntervalSince1970: TimeInterval(whole))
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.pad(c.year ?? 0, 4) + "-" + Self.pad(c.month ?? 0, 2) + "-" + Self.pad(c.day ?? 0, 2)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public static func == (lhs: UsageCalendar, rhs: UsageCalendar) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
