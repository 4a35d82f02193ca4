import ChronicleCore
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test(arguments: [
        ("2026-11-20T10:00:00Z", Int64(1_795_168_800_000), false),
        ("2026-11-20T10:00:00.120Z", Int64(1_795_168_800_120), false),
        ("2026-11-20T10:00:00.1Z", Int64(1_795_168_800_100), false),
        ("2026-11-20T10:00:00.123456789Z", Int64(1_795_168_800_123), false),
        ("2026-11-20T12:00:00+02:00", Int64(1_795_168_800_000), false),
        ("2026-11-20T05:30:00-0430", Int64(1_795_168_800_000), false),
        ("2026-11-20T10:00:00", Int64(1_795_168_800_000), true),
        ("2026-11-20 10:00:00.000", Int64(1_795_168_800_000), true),
        ("2026-11-20", Int64(1_795_132_800_000), true),
        ("1970-01-01T00:00:00Z", Int64(0), false),
        ("1969-12-31T23:59:59.999Z", Int64(-1), false),
        ("2024-02-29T00:00:00Z", Int64(1_709_164_800_000), false),
    ])
    func readsVariants(text: String, ms: Int64, assumed: Bool) {
        let t = Timestamp.iso8601(text)
        #expect(t.epochMilliseconds == ms)
        #expect(t.assumedUTC == assumed)
        #expect(t.original == text)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-20T25:00:00Z", "2026-11-20T10:00:00Zjunk", "2025-02-29", "2026-11-20T10:00:00.Z"])
    func rejectsGarbageButKeepsTheOriginal(text: String) {
        let t = Timestamp.iso8601(text)
        #expect(t.epochMilliseconds == nil)
        #expect(t.original == text)
        #expect(t.utcString == text)
    }

    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp.formatUTC(1_795_168_800_120) == "2026-11-20T10:00:00.120Z")
        #expect(Timestamp.formatUTC(-1) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.unixMilliseconds(1_795_247_000_000).utcString == "2026-11-21T07:43:20.000Z")
    }

    @Test func ordersByInstant() {
        #expect(Timestamp.iso8601("2026-11-20T12:00:00+02:00") < Timestamp.iso8601("2026-11-20T10:00:00.001Z"))
    }

    /// The digit-by-digit writer agrees with a formatter for every field width and far dates.
    @Test func formatUTCAgreesWithAFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        var ms: [Int64] = [0, -1, 1, 999, 86_399_999, 951_782_400_000, 253_402_300_799_999]
        var state: UInt64 = 42
        for _ in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // 1600 … 9999 (before 1582 the formatter switches to the Julian calendar).
            ms.append(-11_676_096_000_000 + Int64(state >> 1) % 264_000_000_000_000)
        }
        for m in ms {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(m) / 1000))
            #expect(Timestamp.formatUTC(m) == expected, "\(m)")
        }
        #expect(Timestamp.formatUTC(253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
    }
}
