/// How `chronicle usage` buckets days: each day (`2026-11-28`), each ISO 8601 week
/// (`2026-W48`, Monday to Sunday, the week-year of its Thursday) or each month (`2026-11`).
public enum UsagePeriod: String, Sendable, Hashable, CaseIterable {
    case day
    case week
    case month

    /// The period holding `day` (`YYYY-MM-DD`); empty for an empty or unreadable day.
    public func label(ofDay day: String) -> String {
        guard let ymd = Self.parse(day) else { return "" }
        let (y, m, d) = ymd
        switch self {
        case .day: return day
        case .month: return String(day.prefix(7))
        case .week:
            let days = Timestamp.daysFromCivil(y, m, d)
            // 1970-01-01 was a Thursday: ISO weekday 1 (Monday) … 7 (Sunday).
            let (_, r) = Timestamp.floorDivide(days + 3, 7)
            let thursday = days - r + 3
            let (ty, _, _) = Timestamp.civilFromDays(thursday)
            let week = (thursday - Timestamp.daysFromCivil(ty, 1, 1)) / 7 + 1
            return String(ty) + "-W" + (week < 10 ? "0" : "") + String(week)
        }
    }

    /// Year, month and day of `YYYY-MM-DD`.
    public static func parse(_ day: String) -> (Int64, Int64, Int64)? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), d >= 1, d <= 31 else { return nil }
        // A day past the month's end (2026-02-30) comes back as another date: not a day.
        let (ry, rm, rd) = Timestamp.civilFromDays(Timestamp.daysFromCivil(y, m, d))
        guard (ry, rm, rd) == (y, m, d) else { return nil }
        return (y, m, d)
    }
}
