import ChronicleByteWords
import ChronicleTestSupport
import Testing

/// The exact per-byte tests on ASCII words, byte by byte against the plain comparisons: every
/// ASCII value at every position of a word, among random ASCII neighbours (no byte may carry
/// into the next and flag it).
@Suite("Byte words")
struct ByteWordsTests {
    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { p in p.baseAddress.map { ByteWords.load($0, at: 0) } ?? 0 }
    }

    static func flagged(_ mask: UInt64) -> [Bool] {
        (0..<8).map { mask >> UInt64(8 * $0 + 7) & 1 == 1 }
    }

    @Test func exactLanesOnAnyWords() {
        var generator = SplitMix64(seed: 0xB17F)
        for value in 0...255 {
            for position in 0..<8 {
                for _ in 0..<6 {
                    var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
                    bytes[position] = UInt8(value)
                    let w = Self.word(bytes)
                    #expect(Self.flagged(ByteWords.zeroLanes(w)) == bytes.map { $0 == 0 }, "\(bytes)")
                    for target: UInt8 in [0x00, 0x22, 0x5C, 0xE2, 0x80, 0xFF, UInt8(value)] {
                        #expect(Self.flagged(ByteWords.lanes(equalTo: target, in: w)) == bytes.map { $0 == target }, "\(bytes) \(target)")
                    }
                    #expect(Self.flagged(ByteWords.lanesBelow0x20(w)) == bytes.map { $0 < 0x20 }, "\(bytes)")
                }
            }
        }
    }

    @Test func exactLanesOnASCIIWords() {
        var generator = SplitMix64(seed: 0xB17E)
        for value in UInt8(0)..<0x80 {
            for position in 0..<8 {
                for _ in 0..<8 {
                    var bytes = (0..<8).map { _ in UInt8.random(in: 0..<0x80, using: &generator) }
                    bytes[position] = value
                    let w = Self.word(bytes)
                    for target: UInt8 in [0x09, 0x0A, 0x22, 0x26, 0x27, 0x3C, 0x3E, 0x7F, 0x00, value] {
                        #expect(Self.flagged(ByteWords.lanes(equalTo: target, inASCII: w)) == bytes.map { $0 == target }, "\(bytes) \(target)")
                    }
                    #expect(Self.flagged(ByteWords.lanesBelow0x20(inASCII: w)) == bytes.map { $0 < 0x20 }, "\(bytes)")
                }
            }
        }
    }
}
