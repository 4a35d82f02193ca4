@testable import ChronicleExport
import ChronicleTestSupport
import Foundation
import Testing

/// The outcome spool's binary coder: every shape `Codable` can take comes back as it went in,
/// the same as through Foundation's JSON coders, and damaged bytes throw instead of crashing.
@Suite("Spool coding")
struct SpoolCodingTests {
    enum Shape: Codable, Equatable {
        case empty
        case labelled(name: String, size: Int64)
        case unlabelled(Double, [String: Int])
    }

    struct Inner: Codable, Equatable {
        var text: String
        var maybe: Int?
        var flag: Bool
    }

    /// Uses the container APIs synthesized code never does: nested containers written while the
    /// parent is open, and a super encoder.
    final class Custom: Codable, Equatable {
        let first: String
        let pairs: [(Int8, UInt16)]
        let parent: Inner

        init(first: String, pairs: [(Int8, UInt16)], parent: Inner) {
            self.first = first
            self.pairs = pairs
            self.parent = parent
        }

        enum Keys: String, CodingKey { case first, pairs, nested, last }
        enum NestedKeys: String, CodingKey { case inside }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var list = container.nestedUnkeyedContainer(forKey: .pairs)
            var nested = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
            try container.encode(first, forKey: .first)
            for (a, b) in pairs {
                var pair = list.nestedUnkeyedContainer()
                try pair.encode(a)
                try pair.encode(b)
            }
            try nested.encode(Float(1.5), forKey: .inside)
            try parent.encode(to: container.superEncoder())
            try container.encodeNil(forKey: .last)
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            first = try container.decode(String.self, forKey: .first)
            var list = try container.nestedUnkeyedContainer(forKey: .pairs)
            var pairs: [(Int8, UInt16)] = []
            while !list.isAtEnd {
                var pair = try list.nestedUnkeyedContainer()
                pairs.append((try pair.decode(Int8.self), try pair.decode(UInt16.self)))
            }
            self.pairs = pairs
            let nested = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
            guard try nested.decode(Float.self, forKey: .inside) == 1.5 else { throw CocoaError(.coderReadCorrupt) }
            parent = try Inner(from: container.superDecoder())
            guard try container.decodeNil(forKey: .last), container.contains(.last) else { throw CocoaError(.coderReadCorrupt) }
        }

        static func == (a: Custom, b: Custom) -> Bool {
            a.first == b.first && a.parent == b.parent && a.pairs.map(\.0) == b.pairs.map(\.0) && a.pairs.map(\.1) == b.pairs.map(\.1)
        }
    }

    struct Everything: Codable, Equatable {
        var shapes: [Shape]
        var inners: [Inner?]
        var optionalMissing: String?
        var optionalNull: String??
        var integers: [Int64]
        var unsigned: UInt64
        var doubles: [Double]
        var decimal: Decimal
        var date: Date
        var nested: [[String]]
        var dictionary: [String: [Int]]
        var custom: Custom
        var emptyArray: [Int]
        var emptyString: String
    }

    static var sample: Everything { Everything(
        shapes: [.empty, .labelled(name: "é\u{0}\u{2028}日本", size: .min), .unlabelled(-0.0, ["b": 2, "a": 1, "": 0])],
        inners: [Inner(text: "", maybe: nil, flag: true), nil, Inner(text: String(repeating: "x", count: 300), maybe: .max, flag: false)],
        optionalMissing: nil, optionalNull: .some(nil),
        integers: [0, 1, -1, 63, -64, 64, .max, .min], unsigned: .max,
        doubles: [0, -0.0, .pi, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity],
        decimal: Decimal(string: "-123456789012345678901234567890.123") ?? 0,
        date: Date(timeIntervalSince1970: 1_795_168_800.125),
        nested: [[], ["a"], ["b", "c"]], dictionary: ["k": [1, 2], "empty": []],
        custom: Custom(first: "first", pairs: [(-128, 65535), (0, 0)], parent: Inner(text: "super", maybe: 7, flag: true)),
        emptyArray: [], emptyString: ""
    ) }

    @Test("every shape comes back equal, as through JSON")
    func roundTrip() throws {
        let bytes = try SpoolEncoder.encode(Self.sample)
        let back = try SpoolDecoder.decode(Everything.self, from: bytes)
        var expected = Self.sample
        expected.optionalNull = nil  // Codable reads a present null of a `T??` as nil, as JSON does
        #expect(back == expected)
        #expect(back.doubles.map(\.sign) == Self.sample.doubles.map(\.sign))
        // Same as the JSON coders give (NaN aside, which JSON cannot carry).
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = .sortedKeys
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+inf", negativeInfinity: "-inf", nan: "nan")
        let viaJSON = try decoder.decode(Everything.self, from: encoder.encode(Self.sample))
        #expect(try encoder.encode(back) == encoder.encode(viaJSON))
        // NaN keeps its bits.
        let nan = try SpoolDecoder.decode([Double].self, from: SpoolEncoder.encode([Double.nan, Double.signalingNaN]))
        #expect(nan.map(\.bitPattern) == [Double.nan.bitPattern, Double.signalingNaN.bitPattern])
    }

    @Test("top-level scalars and containers")
    func topLevel() throws {
        #expect(try SpoolDecoder.decode(String.self, from: SpoolEncoder.encode("plain")) == "plain")
        #expect(try SpoolDecoder.decode(Int.self, from: SpoolEncoder.encode(-5)) == -5)
        #expect(try SpoolDecoder.decode([Int?].self, from: SpoolEncoder.encode([1, nil, 3])) == [1, nil, 3])
        #expect(try SpoolDecoder.decode(Shape.self, from: SpoolEncoder.encode(Shape.empty)) == .empty)
    }

    @Test("a type or a key that is not there is an error, not a guess")
    func mismatches() throws {
        let bytes = try SpoolEncoder.encode(Inner(text: "t", maybe: 300, flag: true))
        struct Narrow: Decodable { let maybe: Int8 }
        struct Renamed: Decodable { let other: String }
        struct Typed: Decodable { let text: Int }
        #expect(throws: DecodingError.self) { try SpoolDecoder.decode(Narrow.self, from: bytes) }
        #expect(throws: DecodingError.self) { try SpoolDecoder.decode(Renamed.self, from: bytes) }
        #expect(throws: DecodingError.self) { try SpoolDecoder.decode(Typed.self, from: bytes) }
        #expect(throws: DecodingError.self) { try SpoolDecoder.decode([Int].self, from: bytes) }
    }

    @Test("damaged bytes throw: every truncation and 5,000 random corruptions")
    func damage() throws {
        let bytes = try SpoolEncoder.encode(Self.sample)
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try SpoolDecoder.decode(Everything.self, from: Array(bytes[0..<length])) }
        }
        var rng = SplitMix64(seed: 0x5900_1001)
        var failed = 0
        for _ in 0..<5_000 {
            var damaged = bytes
            for _ in 0..<Int(rng.next() % 3) + 1 {
                damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            // Either an error or some value: never a crash or a read outside the bytes.
            do { _ = try SpoolDecoder.decode(Everything.self, from: damaged) } catch { failed += 1 }
        }
        #expect(failed > 1_000, "\(failed) of 5,000 damaged copies were refused")
    }
}
