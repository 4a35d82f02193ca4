@testable import ChronicleHTMLSafety
import ChronicleTestSupport
import Testing

/// The escaper goes from one byte that needs a look to the next with a mask of each word's
/// bytes: the mask must flag exactly the bytes whose class is not 0, for every byte value at
/// every position among random neighbours, in each mode (0xF5–0xF7 never occur in UTF-8 and
/// are left out).
@Suite("Escaper look mask")
struct LookMaskTests {
    @Test func maskFlagsExactlyTheBytesWithAClass() {
        var generator = SplitMix64(seed: 0x100C)
        let values = (0...255).filter { !(0xF5...0xF7).contains($0) }.map(UInt8.init)
        for mode in [HTMLCharacterFilter.Mode.clean, .text, .attribute] {
            for value in values {
                for position in 0..<8 {
                    for _ in 0..<4 {
                        var bytes = (0..<8).map { _ in values[Int.random(in: 0..<values.count, using: &generator)] }
                        bytes[position] = value
                        let word = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                        let mask = HTMLCharacterFilter.lookMask(word, mode)
                        let flagged = (0..<8).map { mask >> UInt64(8 * $0 + 7) & 1 == 1 }
                        #expect(flagged == bytes.map { HTMLCharacterFilter.byteClass($0, mode) != 0 }, "\(mode) \(bytes)")
                    }
                }
            }
        }
    }
}
