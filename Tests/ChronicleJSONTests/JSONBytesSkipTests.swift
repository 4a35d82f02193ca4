import ChronicleTestSupport
@testable import ChronicleJSON
import Testing

/// The word-at-a-time skips stop exactly where a byte-at-a-time loop stops.
@Suite("JSON byte skips")
struct JSONBytesSkipTests {
    static func naive(_ bytes: [UInt8], from i: Int, stopsAt stop: (UInt8) -> Bool) -> Int {
        var j = i
        while j < bytes.count && !stop(bytes[j]) { j += 1 }
        return j
    }

    @Test func skipsStopWhereAByteLoopStops() {
        var generator = SplitMix64(seed: 2026)
        // Mostly plain ASCII with, now and then, one of the bytes some skip must stop at.
        let specials: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xC3, 0xE2, 0xFF]
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...40, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0x23...0x5B, using: &generator) }
            for _ in 0..<Int.random(in: 0...2, using: &generator) where count > 0 {
                bytes[Int.random(in: 0..<count, using: &generator)] = specials[Int.random(in: 0..<specials.count, using: &generator)]
            }
            let start = count == 0 ? 0 : Int.random(in: 0...count, using: &generator)
            bytes.withUnsafeBufferPointer { buffer in
                guard let p = buffer.baseAddress else { return }
                #expect(JSONBytes.skipToQuoteOrBackslash(p, from: start, to: count)
                    == Self.naive(bytes, from: start) { $0 == 0x22 || $0 == 0x5C }, "\(bytes) from \(start)")
                #expect(JSONBytes.skipPlainASCII(p, from: start, to: count)
                    == Self.naive(bytes, from: start) { !($0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C) }, "\(bytes) from \(start)")
                #expect(JSONBytes.skipUnescaped(p, from: start, to: count)
                    == Self.naive(bytes, from: start) { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }, "\(bytes) from \(start)")
            }
        }
    }
}
