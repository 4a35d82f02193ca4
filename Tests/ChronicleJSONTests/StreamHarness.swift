import ChronicleTestSupport
@testable import ChronicleJSON

/// Runs the stream scanners over a document cut into given chunks and records the outcome.
enum StreamHarness {
    struct SplitOutcome: Equatable {
        var records: [[UInt8]] = []
        var envelopeRaw: [UInt8]?
        var envelopeValue: JSONValue?
        var recordCount = 0
        var found = false
        var error: JSONStreamError?
    }

    struct ExtractOutcome: Equatable {
        var content: [UInt8] = []
        var envelopeRaw: [UInt8]?
        var envelopeValue: JSONValue?
        var memberFound = false
        var memberWasNull = false
        var byteCount = 0
        var error: JSONStreamError?
    }

    /// Chunk end offsets for cutting `count` bytes into pieces of the given sizes (cycled).
    static func cuts(count: Int, sizes: [Int]) -> [Int] {
        var result: [Int] = []
        var pos = 0
        var k = 0
        while pos < count {
            pos = min(count, pos + max(1, sizes[k % sizes.count]))
            result.append(pos)
            k += 1
        }
        return result
    }

    static func randomCuts(count: Int, seed: UInt64, maxChunk: Int) -> [Int] {
        var rng = SplitMix64(seed: seed)
        var result: [Int] = []
        var pos = 0
        while pos < count {
            pos = min(count, pos + Int.random(in: 1...maxChunk, using: &rng))
            result.append(pos)
        }
        return result
    }

    static func split(_ doc: [UInt8], location: JSONRecordSplitter.ArrayLocation, ends: [Int],
                      maxRecordBytes: Int = 64 << 20, maxEnvelopeBytes: Int = 1 << 20) -> SplitOutcome {
        var splitter = JSONRecordSplitter(recordArray: location, maxRecordBytes: maxRecordBytes, maxEnvelopeBytes: maxEnvelopeBytes)
        var outcome = SplitOutcome()
        var start = 0
        do {
            try doc.withUnsafeBytes { all in
                for end in ends {
                    let chunk = Array(all[start..<end])  // a fresh buffer per chunk, like a network read
                    try chunk.withUnsafeBytes { c in
                        try splitter.feed(c) { raw in outcome.records.append(Array(raw)) }
                    }
                    start = end
                }
            }
            let envelope = try splitter.finish()
            outcome.envelopeRaw = envelope.raw
            outcome.envelopeValue = envelope.value
            outcome.recordCount = envelope.recordCount
            outcome.found = envelope.foundRecordArray
        } catch let error as JSONStreamError {
            outcome.error = error
        } catch {
            outcome.error = JSONStreamError(offset: -1, message: "unexpected error \(error)")
        }
        return outcome
    }

    static func extract(_ doc: [UInt8], key: String, ends: [Int], maxEnvelopeBytes: Int = 1 << 20) -> ExtractOutcome {
        var extractor = JSONLargeStringExtractor(memberKey: key, maxEnvelopeBytes: maxEnvelopeBytes)
        var outcome = ExtractOutcome()
        var start = 0
        do {
            try doc.withUnsafeBytes { all in
                for end in ends {
                    let chunk = Array(all[start..<end])
                    try chunk.withUnsafeBytes { c in
                        try extractor.feed(c) { piece in outcome.content.append(contentsOf: piece) }
                    }
                    start = end
                }
            }
            let envelope = try extractor.finish()
            outcome.envelopeRaw = envelope.raw
            outcome.envelopeValue = envelope.value
            outcome.memberFound = envelope.memberFound
            outcome.memberWasNull = envelope.memberWasNull
            outcome.byteCount = envelope.stringByteCount
        } catch let error as JSONStreamError {
            outcome.error = error
        } catch {
            outcome.error = JSONStreamError(offset: -1, message: "unexpected error \(error)")
        }
        return outcome
    }

    /// All chunkings used for the exhaustive comparisons: every single cut point (two chunks),
    /// 1-byte chunks, a few fixed patterns and seeded random sizes.
    static func chunkings(count: Int) -> [[Int]] {
        var result: [[Int]] = [[count], cuts(count: count, sizes: [1]), cuts(count: count, sizes: [2]),
                               cuts(count: count, sizes: [3, 1, 7]), cuts(count: count, sizes: [5, 13, 2])]
        if count > 1 {
            for k in 1..<count { result.append([k, count]) }
        }
        for seed in 0..<8 {
            result.append(randomCuts(count: count, seed: UInt64(seed), maxChunk: 1 + seed * 3))
        }
        return result
    }
}
