import ChronicleTestSupport
import Foundation
import Testing
@testable import ChronicleJSON

/// The parser makes its strings with ``ValidatedUTF8`` (no second check), so its own UTF-8 check
/// must accept exactly what the standard library's does: held to `String(validating:as:)` on
/// random bytes that are mostly UTF-8 edge cases (truncated, overlong, surrogate and
/// out-of-range sequences), and on random `\u` escapes (lone and paired surrogates).
@Suite struct JSONScannerUTF8Tests {
    /// Pieces the random string contents are made of: valid sequences of each length and the
    /// invalid forms around them.
    static let pieces: [[UInt8]] = [
        [0x61], [0x20], [0x7E], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xE2, 0x80, 0xA8],
        [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xE6, 0x97, 0xA5], [0xF0, 0x9F, 0x93, 0xA6],
        // invalid: lone continuation, overlong, surrogates, above U+10FFFF, bytes never in UTF-8
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xF8], [0xFE], [0xFF],
        // truncated: a lead byte alone, or short of continuation bytes
        [0xC2], [0xE2, 0x80], [0xF0, 0x9F], [0xF0, 0x9F, 0x93],
    ]

    @Test("a string's raw bytes: the parser accepts them exactly when the standard library does, and gives the same string")
    func rawBytesAgreeWithTheStandardLibrary() throws {
        var rng = SplitMix64(seed: 0x5EED_0008)
        var accepted = 0
        var rejected = 0
        for _ in 0..<20_000 {
            var content: [UInt8] = []
            for _ in 0..<Int(rng.next() % 6) + 1 {
                let piece = Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
                content += piece
            }
            let document = [0x22] + content + [0x22]
            let expected = String(validating: content, as: UTF8.self)
            if let parsed = try? JSONParser.parse(document) {
                accepted += 1
                #expect(expected != nil, "parser accepted \(content) that is not UTF-8")
                #expect(parsed.stringValue == expected)
                if let s = parsed.stringValue { #expect(Array(s.utf8) == content) }
            } else {
                rejected += 1
                #expect(expected == nil, "parser rejected valid UTF-8 \(content)")
            }
        }
        // Both sides are well exercised.
        #expect(accepted > 2_000 && rejected > 2_000, "\(accepted) accepted, \(rejected) rejected")
    }

    @Test("\\u escapes, lone and paired surrogates among them, always give valid UTF-8 (lone ones as U+FFFD)")
    func escapesGiveValidStrings() throws {
        var rng = SplitMix64(seed: 0x5EED_0009)
        let units: [UInt32] = [0x0041, 0x00E9, 0x2028, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDCE6, 0xFFFD, 0xFFFF, 0x0000]
        for _ in 0..<5_000 {
            var text = "\""
            var expectedScalars = 0
            for _ in 0..<Int(rng.next() % 5) + 1 {
                let unit = units[Int(rng.next() % UInt64(units.count))]
                text += "\\u" + String(unit, radix: 16).leftPadded(to: 4)
                expectedScalars += 1
                if rng.next() % 3 == 0 { text += "x"; expectedScalars += 1 }
            }
            text += "\""
            let parsed = try JSONParser.parse(Array(text.utf8))
            let s = try #require(parsed.stringValue)
            let bytes = Array(s.utf8)
            #expect(String(validating: bytes, as: UTF8.self) == s, "\(text)")
            // A pair becomes one scalar; everything else one scalar each.
            #expect(s.unicodeScalars.count <= expectedScalars)
            #expect(!s.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        }
    }

    /// Escaped strings are decoded into a buffer as long as the document: documents that are
    /// one string of nothing but escapes (each kind, at every length up to 300) and strings with
    /// escapes among others decode as Foundation decodes them.
    @Test("escapes fill the decode buffer to its end without passing it")
    func escapesAtTheBufferBound() throws {
        let escapes = [#"\n"#, #"\""#, #"\\"#, #"\u00e9"#, #"\u2028"#, #"\ud83d\ude00"#, #"\/"#, #"\t"#]
        let decoder = JSONDecoder()
        for escape in escapes {
            for count in [1, 2, 3, 7, 8, 9, 64, 300] {
                let document = Array(("\"" + String(repeating: escape, count: count) + "\"").utf8)
                let parsed = try JSONParser.parse(document)
                #expect(parsed.stringValue == (try decoder.decode(String.self, from: Data(document))), "\(escape) × \(count)")
            }
        }
        let mixed = Array(#"{"a":"x\ny","b":["\u00e9\t", "plain", "\ud83d\ude00end"],"c\n":"\"q\""}"#.utf8)
        let value = try JSONParser.parse(mixed)
        #expect(value["a"] == .string("x\ny"))
        #expect(value["b"] == .array([.string("é\t"), .string("plain"), .string("😀end")]))
        #expect(value["c\n"] == .string("\"q\""))
    }

    @Test("keys and number literals come out as the bytes sent")
    func keysAndNumbers() throws {
        let document = Array(#"{"日本語 ✓":-12.5E+3,"\u00e9":[0,1e9]}"#.utf8)
        let value = try JSONParser.parse(document)
        let members = try #require(value.objectMembers)
        #expect(members.map(\.key) == ["日本語 ✓", "é"])
        #expect(members[0].value == .number("-12.5E+3"))
        #expect(members[1].value == .array([.number("0"), .number("1e9")]))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
