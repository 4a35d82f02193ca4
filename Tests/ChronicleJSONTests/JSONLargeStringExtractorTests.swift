import Testing
@testable import ChronicleJSON

@Suite struct JSONLargeStringExtractorTests {
    private func checkAllChunkings(_ doc: [UInt8], key: String = "data", maxEnvelopeBytes: Int = 1 << 20) -> StreamHarness.ExtractOutcome {
        let reference = StreamHarness.extract(doc, key: key, ends: [doc.count], maxEnvelopeBytes: maxEnvelopeBytes)
        for ends in StreamHarness.chunkings(count: doc.count) {
            let outcome = StreamHarness.extract(doc, key: key, ends: ends, maxEnvelopeBytes: maxEnvelopeBytes)
            #expect(outcome == reference, "chunk ends \(ends) of \(String(decoding: doc, as: UTF8.self))")
            if outcome != reference { break }
        }
        return reference
    }

    /// Compares against a plain parse of the whole document.
    private func checkSemantics(_ doc: [UInt8], _ outcome: StreamHarness.ExtractOutcome, key: String = "data") throws {
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        let full = try JSONParser.parse(doc)
        var members = full.objectMembers ?? []
        let index = members.firstIndex { $0.key == key }
        if let index, case .string(let s) = members[index].value {
            #expect(outcome.memberFound)
            #expect(outcome.content == Array(s.utf8))
            #expect(outcome.byteCount == s.utf8.count)
            members[index].value = .null
        } else {
            #expect(!outcome.memberFound)
            #expect(outcome.content.isEmpty)
        }
        #expect(outcome.envelopeValue == .object(members))
    }

    @Test func escapesAcrossEveryBoundary() throws {
        let content = #"QUJD\nREVG\r\n\/x\"y\\z\t\b\f \u0041\u00e9\u4e2d\ud83d\ude00 é中😀 \ud83d\u0041 \ude00 \ud83d\n end \ud83d\ud83d\ude00 [{,}] \u2028"#
        let doc = Array(#"{"artifact_id": "a1", "size_bytes": 123, "data": "\#(content)", "kind" : "log"}"#.utf8)
        let outcome = checkAllChunkings(doc)
        try checkSemantics(doc, outcome)
        #expect(outcome.envelopeRaw == Array(#"{"artifact_id": "a1", "size_bytes": 123, "data": null, "kind" : "log"}"#.utf8))
        #expect(String(decoding: outcome.content, as: UTF8.self).hasPrefix("QUJD\nREVG\r\n/x\"y\\z\t"))
    }

    @Test func variousShapes() throws {
        let docs = [
            #"{"data":""}"#,
            #" { "data" : "x" } "#,
            #"{"meta":{"data":"nested, ignored"},"data":"top"}"#,
            #"{"data":"first","data":"second"}"#,
            #"{"d\u0061ta":"escaped key"}"#,
            #"{"a":[1,{"data":"no"}],"b":"data","c":"\"data\":\"x\""}"#,
        ]
        for text in docs {
            let doc = Array(text.utf8)
            let outcome = checkAllChunkings(doc)
            try checkSemantics(doc, outcome)
        }
        let dupDoc = Array(#"{"data":"first","data":"second"}"#.utf8)
        let dup = StreamHarness.extract(dupDoc, key: "data", ends: [7, dupDoc.count])
        #expect(dup.content == Array("first".utf8))
        #expect(dup.envelopeRaw == Array(#"{"data":null,"data":"second"}"#.utf8))
    }

    @Test func nullAndAbsent() {
        let absent = checkAllChunkings(Array(#"{"artifact_id":"x"}"#.utf8))
        #expect(absent.error == nil && !absent.memberFound && !absent.memberWasNull)
        #expect(absent.envelopeRaw == Array(#"{"artifact_id":"x"}"#.utf8))
        let null = checkAllChunkings(Array(#"{"data" : null ,"x":1}"#.utf8))
        #expect(null.error == nil && !null.memberFound && null.memberWasNull)
        #expect(null.envelopeValue?["data"] == .null)
    }

    @Test func errors() {
        let cases: [(String, Int)] = [
            (#"{"data":123}"#, 8),
            (#"{"data":{"a":1}}"#, 8),
            (#"{"data":["x"]}"#, 8),
            (#"["data"]"#, 0),
            (#""data""#, 0),
            (#"{"data":"abc"#, 12),
            (#"{"data":"a\qb"}"#, 11),
            (#"{"data":"a\u00G0"}"#, 14),
            ("{\"data\":\"a\u{1}b\"}", 10),
            (#"{"data":"ok"} x"#, 14),
            (#"{"data":"ok","x":nul}"#, 20),
            (#"{"data":"ok""#, 12),
            (#"{"x":01,"data":"ok"}"#, 6),
        ]
        for (text, offset) in cases {
            let outcome = checkAllChunkings(Array(text.utf8))
            #expect(outcome.error?.offset == offset, "\(text): \(String(describing: outcome.error))")
        }
        let badUTF8 = Array(#"{"data":"ab"#.utf8) + [0xF4, 0x90, 0x80, 0x80] + Array(#""}"#.utf8)
        #expect(checkAllChunkings(badUTF8).error?.offset == 11)
        let overlong = Array(#"{"data":"ab"#.utf8) + [0xE0, 0x80, 0xAF] + Array(#""}"#.utf8)
        #expect(checkAllChunkings(overlong).error?.offset == 11)
        let envelopeTooBig = Array(#"{"pad":"0123456789","data":"x"}"#.utf8)
        #expect(checkAllChunkings(envelopeTooBig, maxEnvelopeBytes: 10).error?.offset == 10)
    }

    @Test func sixtyMegabyteStringStaysFlat() throws {
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0".utf8)
        let escapedLine = line + Array(#"\n"#.utf8)
        let lines = 60_000_000 / (line.count + 1) + 1
        var extractor = JSONLargeStringExtractor(memberKey: "data", maxEnvelopeBytes: 4096)
        var delivered = 0
        var largestPiece = 0
        var newlines = 0
        func feed(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { raw in
                try extractor.feed(raw) { piece in
                    delivered += piece.count
                    largestPiece = max(largestPiece, piece.count)
                    for b in piece where b == 0x0A { newlines += 1 }
                }
            }
        }
        try feed(Array(#"{"artifact_id": "art-1", "size_bytes": 123, "data": ""#.utf8))
        // Emit the string body in ~1 MB network-sized chunks, not aligned to escapes.
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        for _ in 0..<lines {
            chunk.append(contentsOf: escapedLine)
            if chunk.count >= (1 << 20) - 37 {
                try feed(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try feed(chunk)
        try feed(Array(#"", "sha256": "abc"}"#.utf8))
        let envelope = try extractor.finish()
        #expect(envelope.memberFound)
        #expect(envelope.stringByteCount == lines * (line.count + 1))
        #expect(delivered == envelope.stringByteCount)
        #expect(delivered > 60_000_000)
        #expect(largestPiece <= 1 << 20)
        #expect(envelope.raw.count < 200)
        #expect(envelope.value["data"] == .null)
        #expect(envelope.value["sha256"]?.stringValue == "abc")
        #expect(envelope.value["size_bytes"]?.int64Value == 123)
        #expect(newlines == lines)
    }
}
