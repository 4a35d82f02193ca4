@testable import ChronicleRedact
import Testing

/// Replacing ranges of a text's bytes: the string built without a second UTF-8 check is the one
/// the checked build gives, and a cut inside a scalar (never made by the scanners) is repaired,
/// not turned into an invalid string.
@Suite("Replaced text")
struct ReplacedTextTests {
    static func build(_ text: String, _ ranges: [Range<Int>], _ marker: String) -> String {
        var text = text
        return text.withUTF8 { ReplacedText.build($0, replacing: ranges, with: Array(marker.utf8)) }
    }

    @Test func cutsOnScalarBoundariesGiveTheTextWithTheMarkers() {
        var rng = SplitMix64(seed: 0x2E9)
        let pieces = ["a", "é", "日本", "👩‍👧", " ", "x@y.io", "\u{0}", "ß"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 12) + 1 { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            // Ranges between scalar boundaries, in order, not overlapping.
            var boundaries = [0]
            var offset = 0
            for scalar in text.unicodeScalars { offset += String(scalar).utf8.count; boundaries.append(offset) }
            var ranges: [Range<Int>] = []
            var k = 0
            while k < boundaries.count - 1 {
                let start = k + Int(rng.next() % 3)
                let end = start + Int(rng.next() % 3)
                guard end < boundaries.count else { break }
                ranges.append(boundaries[start]..<boundaries[end])
                k = end + 1
            }
            let bytes = Array(text.utf8)
            var expected: [UInt8] = []
            var copied = 0
            for r in ranges {
                expected += bytes[copied..<r.lowerBound] + Array("[R]".utf8)
                copied = r.upperBound
            }
            expected += bytes[copied...]
            let built = Self.build(text, ranges, "[R]")
            #expect(Array(built.utf8) == expected)
            #expect(String(validating: Array(built.utf8), as: UTF8.self) == built)
        }
    }

    @Test func aCutInsideAScalarIsRepaired() {
        // "é" is C3 A9: a range ending between its bytes leaves a lone continuation byte.
        let built = Self.build("aéb", [0..<2], "[R]")
        #expect(String(validating: Array(built.utf8), as: UTF8.self) == built)
        #expect(built == "[R]\u{FFFD}b")
        let start = Self.build("日x", [1..<4], "-")
        #expect(String(validating: Array(start.utf8), as: UTF8.self) == start)
    }
}
