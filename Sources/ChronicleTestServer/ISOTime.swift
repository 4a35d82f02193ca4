/// Formats Unix milliseconds as the timestamp variants platforms send.
enum ISOTime {
    /// `2026-11-20T10:00:00.000Z`.
    static func millis(_ ms: Int64) -> String {
        let (date, time, fraction) = parts(ms)
        return "\(date)T\(time).\(fraction)Z"
    }

    /// `2026-11-20T10:00:00Z`.
    static func seconds(_ ms: Int64) -> String {
        let (date, time, _) = parts(ms)
        return "\(date)T\(time)Z"
    }

    /// AgentScope's `datetime.isoformat()` of a naive time: no zone, microseconds, and no
    /// fraction at all when it is exactly zero (`2026-11-20T10:00:00.250000`, `2026-11-20T10:00:00`).
    static func zoneless(_ ms: Int64) -> String {
        let (date, time, fraction) = parts(ms)
        return ms % 1000 == 0 ? "\(date)T\(time)" : "\(date)T\(time).\(fraction)000"
    }

    static func parts(_ ms: Int64) -> (String, String, String) {
        let days = Int64((Double(ms) / 86_400_000).rounded(.down))
        let rest = ms - days * 86_400_000
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let h = rest / 3_600_000, m = (rest / 60_000) % 60, s = (rest / 1000) % 60, f = rest % 1000
        return ("\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))", "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2))", pad(f, 3))
    }
}
