import Foundation

/// A point in time as a platform sent it: the original text, kept for the archive, and the
/// instant it denotes in milliseconds since the Unix epoch, when it could be read.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    /// Exactly what the platform sent (`2026-11-20T10:00:00.000Z`, `1763711000000`, …).
    public var original: String
    /// Milliseconds since 1970-01-01T00:00:00Z; nil when the text could not be read.
    public var epochMilliseconds: Int64?
    /// The text carried no zone and UTC was assumed.
    public var assumedUTC: Bool

    public init(original: String, epochMilliseconds: Int64?, assumedUTC: Bool = false) {
        self.original = original
        self.epochMilliseconds = epochMilliseconds
        self.assumedUTC = assumedUTC
    }

    /// Reads ISO-8601 / RFC 3339 text and its common variants: `T` or a space between date and
    /// time, optional seconds fraction of any length, `Z`, `±HH:MM`, `±HHMM` or no zone (UTC
    /// assumed). Unreadable text keeps its original and has no instant.
    public static func iso8601(_ text: String) -> Timestamp {
        if let (ms, assumed) = ISO8601Reader.read(text) {
            return Timestamp(original: text, epochMilliseconds: ms, assumedUTC: assumed)
        }
        return Timestamp(original: text, epochMilliseconds: nil)
    }

    /// Reads ISO-8601 text like ``iso8601(_:)``, but a date-time without a zone is wall-clock
    /// time in `zone` (an IANA zone such as `Europe/Berlin`), converted with that zone's rules
    /// for that date (DST-correct). A wall time that occurs twice (clocks set back) is the earlier
    /// instant; one that does not occur (clocks set forward) is read with the offset in force
    /// before the change. Text with a zone or offset is read as it says; `original` is kept.
    public static func iso8601(_ text: String, zonelessIn zone: TimeZone) -> Timestamp {
        guard let (ms, assumed) = ISO8601Reader.read(text) else { return Timestamp(original: text, epochMilliseconds: nil) }
        guard assumed else { return Timestamp(original: text, epochMilliseconds: ms) }
        return Timestamp(original: text, epochMilliseconds: ZonedWallClock.instant(wallMilliseconds: ms, in: zone))
    }

    /// A Unix time in milliseconds, as guayaba sends it; `original` is its literal.
    public static func unixMilliseconds(_ value: Int64, literal: String? = nil) -> Timestamp {
        Timestamp(original: literal ?? String(value), epochMilliseconds: value)
    }

    /// `2026-11-20T10:00:00.123Z` (milliseconds always shown), or the original text.
    public var utcString: String {
        guard let ms = epochMilliseconds else { return original }
        return Timestamp.formatUTC(ms)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        switch (lhs.epochMilliseconds, rhs.epochMilliseconds) {
        case let (l?, r?): return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        case (nil, nil): return lhs.original < rhs.original
        }
    }

    /// Formats milliseconds since the epoch as ISO-8601 UTC with milliseconds.
    public static func formatUTC(_ ms: Int64) -> String {
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        let (y, m, d) = civilFromDays(days)
        let h = msOfDay / 3_600_000
        let mi = (msOfDay / 60_000) % 60
        let s = (msOfDay / 1000) % 60
        let f = msOfDay % 1000
        guard (0...9999).contains(y) else {
            return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
        }
        // The common case written digit by digit into 24 bytes (one string, no interpolation).
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int64, _ width: Int, at offset: Int) {
                var v = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                }
            }
            put(y, 4, at: 0)
            buffer[4] = 0x2D  // -
            put(m, 2, at: 5)
            buffer[7] = 0x2D
            put(d, 2, at: 8)
            buffer[10] = 0x54  // T
            put(h, 2, at: 11)
            buffer[13] = 0x3A  // :
            put(mi, 2, at: 14)
            buffer[16] = 0x3A
            put(s, 2, at: 17)
            buffer[19] = 0x2E  // .
            put(f, 3, at: 20)
            buffer[23] = 0x5A  // Z
            return 24
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b
        var r = a % b
        if r < 0 { q -= 1; r += b }
        return (q, r)
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// A small, strict reader for ISO-8601 date-times and their common variants.
enum ISO8601Reader {
    static func read(_ text: String) -> (Int64, Bool)? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int64(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, millis: Int64 = 0
        var assumedUTC = true
        var offsetMinutes: Int64 = 0
        if i < b.count {
            guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }
            i += 1
            guard let h = digits(2), expect(0x3A), let mi = digits(2) else { return nil }
            hour = h
            minute = mi
            if expect(0x3A) {
                guard let s = digits(2) else { return nil }
                second = s
                if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
                    i += 1
                    var scale: Int64 = 100
                    var any = false
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                        millis += Int64(b[i] - 0x30) * scale
                        scale /= 10
                        any = true
                        i += 1
                    }
                    guard any else { return nil }
                }
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            if i < b.count {
                if b[i] == 0x5A || b[i] == 0x7A {
                    i += 1
                    assumedUTC = false
                } else if b[i] == 0x2B || b[i] == 0x2D {
                    let sign: Int64 = b[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = expect(0x3A)
                    guard let om = digits(2), oh <= 23, om <= 59 else { return nil }
                    offsetMinutes = sign * (oh * 60 + om)
                    assumedUTC = false
                } else {
                    return nil
                }
            }
            guard i == b.count else { return nil }
        }
        let days = Timestamp.daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        return (seconds * 1000 + millis, assumedUTC)
    }

    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
