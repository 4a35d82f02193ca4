@testable import ChronicleHTMLSafety
import ChronicleTestSupport
import Testing

/// The escaper goes from one byte that needs a look to the next with a mask of each word's
/// bytes: the mask, and the byte classes the escaper then reads, must pick out exactly the
/// bytes the filter's rules name (spelled out here with plain comparisons), for every byte value
/// at every position among random neighbours, in each mode (0xF5–0xF7 never occur in UTF-8 and
/// are left out).
@Suite("Escaper look mask")
struct LookMaskTests {
    /// The bytes that need a look: controls but tab and line feed, DEL, the characters the mode
    /// escapes, and the lead bytes of the sequences that may be dropped or replaced (C1 controls,
    /// U+2028/2029, the noncharacters).
    static func needsLook(_ b: UInt8, _ mode: HTMLCharacterFilter.Mode) -> Bool {
        if b < 0x20 { return b != 0x09 && b != 0x0A }
        if b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xEF || (0xF0...0xF4).contains(b) { return true }
        switch mode {
        case .clean: return false
        case .text: return "&<>\"".utf8.contains(b)
        case .attribute: return "&<>\"'".utf8.contains(b)
        }
    }

    @Test func classesFlagExactlyTheBytesTheRulesName() {
        for mode in [HTMLCharacterFilter.Mode.clean, .text, .attribute] {
            for b in UInt8.min...UInt8.max {
                #expect((HTMLCharacterFilter.byteClass(b, mode) != 0) == Self.needsLook(b, mode), "\(mode) \(b)")
            }
        }
    }

    @Test func maskFlagsExactlyTheBytesTheRulesName() {
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
                        #expect(flagged == bytes.map { Self.needsLook($0, mode) }, "\(mode) \(bytes)")
                    }
                }
            }
        }
    }
}
