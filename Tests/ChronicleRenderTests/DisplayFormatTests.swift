import Foundation
import Testing
import ChronicleTestSupport
@testable import ChronicleRender

@Suite("Display formats")
struct DisplayFormatTests {
    /// The integer rounding gives what `String(format: "%.1f")` gives, ties included.
    @Test func sizesMatchPrintfRounding() {
        var values: [Int64] = [1024, 1025, 1075, 1076, 1280, 1536, 10_189, 1_048_575, 1_048_576, 1_100_000_000, (1 << 53) - 1, 1 << 53, Int64.max]
        var generator = SplitMix64(seed: 8)
        for _ in 0..<20_000 { values.append(Int64.random(in: 1024...(1 << 42), using: &generator)) }
        // Exact ties between two tenths: n / divisor = x.25 or x.75 (ties go to the even tenth).
        for divisor in [Int64(1024), 1 << 20, 1 << 30] {
            for i in Int64(2)..<4_000 { values.append(divisor * (2 * i + 1) / 4) }
        }
        #expect(DisplayFormat.bytes(1023) == "1023 bytes")
        for n in values {
            let units = ["KB", "MB", "GB", "TB"]
            var value = Double(n) / 1024
            var unit = 0
            while value >= 1024, unit < units.count - 1 {
                value /= 1024
                unit += 1
            }
            let expected = String(format: "%.1f %@", value, units[unit]) + " (\(DisplayFormat.grouped(n)) bytes)"
            #expect(DisplayFormat.bytes(n) == expected, "\(n)")
        }
    }
}
