import Foundation

/// Names of run folders: the UTC start time as `yyyyMMdd'T'HHmmss'Z'`,
/// optionally followed by a collision suffix `-01` … `-99` when two runs
/// start in the same second.
///
/// Run ids sort bytewise in chronological order (a suffixed id sorts after
/// its unsuffixed twin).
public enum RunID {
    /// The run id for a run that started at `date` (seconds truncated, UTC).
    public static func make(date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let seconds = (date.timeIntervalSince1970).rounded(.down)
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: seconds))
        return pad(parts.year ?? 0, 4) + pad(parts.month ?? 0, 2) + pad(parts.day ?? 0, 2)
            + "T" + pad(parts.hour ?? 0, 2) + pad(parts.minute ?? 0, 2) + pad(parts.second ?? 0, 2) + "Z"
    }

    /// The `yyyy-MM-dd` UTC date used for `Bagging-Date`.
    static func baggingDate(_ date: Date) -> String {
        let id = Array(make(date: date).utf8)
        let s = { (r: Range<Int>) in String(decoding: id[r], as: UTF8.self) }
        return s(0..<4) + "-" + s(4..<6) + "-" + s(6..<8)
    }

    /// True if `name` is a run id, with or without a `-01`…`-99` suffix.
    public static func isRunID(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count == 16 || b.count == 19 else { return false }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard digits(0..<4) != nil,
              let month = digits(4..<6), (1...12).contains(month),
              let day = digits(6..<8), (1...31).contains(day),
              b[8] == UInt8(ascii: "T"),
              let hour = digits(9..<11), hour <= 23,
              let minute = digits(11..<13), minute <= 59,
              let second = digits(13..<15), second <= 60,
              b[15] == UInt8(ascii: "Z")
        else { return false }
        if b.count == 19 {
            guard b[16] == UInt8(ascii: "-"), let suffix = digits(17..<19), (1...99).contains(suffix) else {
                return false
            }
        }
        return true
    }

    /// The id with collision suffix `n` (1…99), e.g. `20261122T020000Z-01`.
    static func withSuffix(_ runID: String, _ n: Int) -> String {
        runID + "-" + pad(n, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
