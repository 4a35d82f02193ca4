import ChronicleCore
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
}
