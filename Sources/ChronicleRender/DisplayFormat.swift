import ChronicleCore
import Foundation

/// Human-readable numbers, sizes, durations and times for the pages (deterministic: no locale).
public enum DisplayFormat {
    static func bytes(_ n: Int64) -> String {
        if n < 1024 { return n == 1 ? "1 byte" : "\(n) bytes" }
        let units = ["KB", "MB", "GB", "TB"]
        var unit = 0
        var divisor: Int64 = 1024
        while n / divisor >= 1024, unit < units.count - 1 {
            divisor *= 1024
            unit += 1
        }
        return oneDecimal(n, divisor) + " " + units[unit] + " (\(grouped(n)) bytes)"
    }

    /// `n / divisor` (a power of two) with one decimal, as `String(format: "%.1f")` writes the
    /// double `Double(n) / divisor`, which is exact for n below 2^53: the nearest tenth, ties to
    /// even. Integer arithmetic: `String(format:)` cost 1.4% of an export's CPU.
    static func oneDecimal(_ n: Int64, _ divisor: Int64) -> String {
        let (scaled, overflow) = n.multipliedReportingOverflow(by: 10)
        guard !overflow, n < 1 << 53 else { return String(format: "%.1f", Double(n) / Double(divisor)) }
        var tenths = scaled / divisor
        let remainder = scaled % divisor
        if remainder * 2 > divisor || (remainder * 2 == divisor && tenths % 2 == 1) { tenths += 1 }
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `1234567` as `1,234,567` (the pages and `chronicle usage`'s table).
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A decimal literal as the platform sent it (`0.4561`, `1E-2`) shown as dollars without
    /// rounding or exponent: `$0.4561`, `$0.01`.
    static func dollars(_ literal: String) -> String {
        guard let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { return "$" + literal }
        return "$" + d.description
    }

    /// "133,120 of 128,000 tokens (input 131,072; output 2,048, reasoning 512); context-window
    /// use, not billing": a platform's context figures (unknown parts left out).
    static func contextWindow(_ c: ContextWindowUsage) -> String {
        var used = c.totalTokens.map(grouped) ?? "unknown"
        if let window = c.modelContextWindow { used += " of \(grouped(window))" }
        var parts: [String] = []
        if let i = c.inputTokens { parts.append("input \(grouped(i))") }
        if let o = c.outputTokens { parts.append("output \(grouped(o))" + (c.reasoningTokens.map { ", reasoning \(grouped($0))" } ?? "")) }
        return used + " tokens" + (parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")") + "; context-window use, not billing"
    }

    static func count(_ n: Int64?) -> String { n.map(grouped) ?? "—" }

    static func duration(_ seconds: Int64?) -> String {
        guard let seconds, seconds >= 0 else { return "unknown" }
        if seconds < 60 { return "\(seconds) s" }
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        return h > 0 ? "\(h) h \(m) min \(s) s" : "\(m) min \(s) s"
    }

    /// A time as the pages show it: the machine-readable UTC form, the readable UTC text and,
    /// when a zone other than UTC is configured, the local text.
    struct TimeText {
        var utc: String
        var utcText: String
        var local: String?
    }

    /// `2026-11-20 10:00:00 UTC` and, when a zone other than UTC is configured,
    /// `2026-11-20 11:00:00 +01:00 Europe/Berlin`.
    static func timeText(_ t: Timestamp, zone: TimeZone, showZone: Bool) -> TimeText {
        guard let ms = t.epochMilliseconds else { return TimeText(utc: t.original, utcText: t.original) }
        let utc = Timestamp.formatUTC(ms)
        var text = TimeText(utc: utc, utcText: readable(utc) + " UTC")
        if showZone {
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000))
            let local = Timestamp.formatUTC(ms + Int64(offset) * 1000)
            let sign = offset < 0 ? "-" : "+"
            let a = abs(offset) / 60
            let zoneText = "\(sign)\(a / 60 < 10 ? "0" : "")\(a / 60):\(a % 60 < 10 ? "0" : "")\(a % 60)"
            text.local = readable(local) + " " + zoneText + " " + zone.identifier
        }
        return text
    }

    /// ``timeText(_:zone:showZone:)`` as the `time` template's context.
    static func time(_ t: Timestamp, zone: TimeZone, showZone: Bool) -> [String: Any] {
        let text = timeText(t, zone: zone, showZone: showZone)
        var view: [String: Any] = ["utc": text.utc, "utcText": text.utcText]
        if let local = text.local { view["local"] = local }
        return view
    }

    /// `2026-11-20T10:00:00.123Z` → `2026-11-20 10:00:00.123`; `…:00.000Z` → `…:00` (milliseconds
    /// shown only when not 0). Every `T` becomes a space, one trailing `Z` and then one trailing
    /// `.000` are dropped.
    static func readable(_ iso: String) -> String {
        var bytes = Array(iso.utf8)
        for i in bytes.indices where bytes[i] == UInt8(ascii: "T") { bytes[i] = UInt8(ascii: " ") }
        if bytes.last == UInt8(ascii: "Z") { bytes.removeLast() }
        if bytes.count >= 4, bytes[(bytes.count - 4)...].elementsEqual(".000".utf8) { bytes.removeLast(4) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
