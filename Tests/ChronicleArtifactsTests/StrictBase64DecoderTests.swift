import ChronicleTestSupport
import ChronicleArtifacts
import Foundation
import Testing

/// Valid input: RFC 4648 vectors, line breaks, round trips at arbitrary chunkings.
@Suite struct StrictBase64DecoderTests {
    static let rfcVectors: [(encoded: String, decoded: String)] = [
        ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"),
        ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
    ]

    @Test(arguments: rfcVectors.indices)
    func rfc4648VectorWhole(index: Int) throws {
        let vector = Self.rfcVectors[index]
        #expect(try TestSupport.decode(vector.encoded) == Array(vector.decoded.utf8))
    }

    @Test(arguments: rfcVectors.indices)
    func rfc4648VectorOneByteAtATime(index: Int) throws {
        let vector = Self.rfcVectors[index]
        #expect(try TestSupport.decodeBytewise(Array(vector.encoded.utf8)) == Array(vector.decoded.utf8))
    }

    @Test(arguments: rfcVectors.indices)
    func rfc4648VectorEverySplitPoint(index: Int) throws {
        let vector = Self.rfcVectors[index]
        let encoded = Array(vector.encoded.utf8)
        for first in 0...encoded.count {
            for second in first...encoded.count {
                #expect(try TestSupport.decode(encoded, cuts: [first, second]) == Array(vector.decoded.utf8),
                        "cuts \(first), \(second)")
            }
        }
    }

    @Test func emptyChunksAndEmptyInput() throws {
        var decoder = StrictBase64Decoder()
        var calls = 0
        try decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0)) { _ in calls += 1 }
        try decoder.finish { _ in calls += 1 }
        #expect(calls == 0)
        #expect(decoder.decodedByteCount == 0)
    }

    @Test func lineBreaksAnywhereIncludingSplitCRLF() throws {
        let text = "\r\nZm\r\n9v\nYm\rE=\r\n"
        let encoded = Array(text.utf8)
        for cut in 0...encoded.count {
            #expect(try TestSupport.decode(encoded, cuts: [cut]) == Array("fooba".utf8), "cut \(cut)")
        }
        #expect(try TestSupport.decodeBytewise(encoded) == Array("fooba".utf8))
    }

    @Test func lineBreaksAfterPaddingAreAllowed() throws {
        #expect(try TestSupport.decode("Zg==\r\n\r\n") == Array("f".utf8))
    }

    @Test(arguments: [false, true])
    func randomRoundTrips(lineWrapped: Bool) throws {
        var rng = SplitMix64(seed: lineWrapped ? 0xC0FFEE : 0xBADC0DE)
        let options: Data.Base64EncodingOptions = lineWrapped
            ? [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed] : []
        var lengths = Array(0...70)
        for _ in 0..<40 {
            lengths.append(Int.random(in: 71...20_000, using: &rng))
        }
        for length in lengths {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let encoded = Array(Data(bytes).base64EncodedString(options: options).utf8)
            if lineWrapped && length > 57 {
                #expect(encoded.contains(UInt8(ascii: "\r")))
            }
            #expect(try TestSupport.decode(encoded) == bytes, "length \(length) whole")
            for maxChunk in [1, 3, 7, 64, 5000] where maxChunk < 64 || length > 1000 {
                #expect(try TestSupport.decodeRandomChunks(encoded, maxChunk: maxChunk, using: &rng) == bytes,
                        "length \(length), chunks up to \(maxChunk)")
            }
        }
    }

    @Test func largeChunkSpansManyOutputBuffers() throws {
        var rng = SplitMix64(seed: 42)
        var bytes: [UInt8] = []
        rng.fill(&bytes, count: 200_000)
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var decoder = StrictBase64Decoder()
        var result: [UInt8] = []
        var pieces = 0
        try encoded.withUnsafeBytes { chunk in
            try decoder.decode(chunk) { piece in
                pieces += 1
                result.append(contentsOf: piece)
            }
        }
        try decoder.finish { result.append(contentsOf: $0) }
        #expect(result == bytes)
        #expect(pieces > 1)
        #expect(decoder.decodedByteCount == 200_000)
    }

    @Test func outputErrorPropagatesUnchanged() throws {
        struct Stop: Error, Equatable {}
        var decoder = StrictBase64Decoder()
        #expect(throws: Stop()) {
            try Array("Zm9vYmFy".utf8).withUnsafeBytes { chunk in
                try decoder.decode(chunk) { _ in throw Stop() }
            }
        }
    }
}
