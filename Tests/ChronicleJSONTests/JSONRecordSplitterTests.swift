import ChronicleTestSupport
import Testing
@testable import ChronicleJSON

@Suite struct JSONRecordSplitterTests {
    private static let richRecords: [String] = [
        #"{"id":1,"text":"he said \"hi\" [not] {an} array, ok\\"}"#,
        #"{"nested":{"a":[1,[2,[3,{"b":"]"}]]],"c":{}},"d":[]}"#,
        #"{"n":[12345678901234567890123,1.10,1E+2,-0,0.5e-3]}"#,
        #"{"dup":1,"dup":2}"#,
        "{\"u\":\"é中😀\\u00e9\\ud83d\\ude00\\u2028\"}",
        #"[]"#,
        #"{}"#,
        #""just a string, with [brackets] and {braces}""#,
        #"42"#,
        #"true"#,
        #"null"#,
        "{ \"spaced\" :\n\t[ 1 , 2 ]\r\n}",
    ]

    private static func memberDoc(_ records: [String], ws: String = "") -> String {
        "{\(ws)\"metadata\"\(ws):\(ws){\"page_key\":\"x\",\"events\":[\"decoy\"]}\(ws),\(ws)\"events\"\(ws):\(ws)[\(ws)"
            + records.joined(separator: "\(ws),\(ws)") + "\(ws)]\(ws),\(ws)\"tail\":[1,2]\(ws)}\(ws)"
    }

    /// Checks a splitter outcome against a plain parse of the whole document.
    private func checkSemantics(_ doc: [UInt8], _ location: JSONRecordSplitter.ArrayLocation,
                                _ outcome: StreamHarness.SplitOutcome) throws {
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        let full = try JSONParser.parse(doc)
        var expectedRecords: [JSONValue]
        var expectedEnvelope: JSONValue
        switch location {
        case .root:
            expectedRecords = full.arrayValue ?? []
            expectedEnvelope = .array([])
        case .member(let key):
            var members = full.objectMembers ?? []
            let index = members.firstIndex { $0.key == key }
            expectedRecords = index.flatMap { members[$0].value.arrayValue } ?? []
            if let index { members[index].value = .array([]) }
            expectedEnvelope = .object(members)
        }
        #expect(outcome.records.count == expectedRecords.count)
        #expect(outcome.recordCount == expectedRecords.count)
        for (raw, value) in zip(outcome.records, expectedRecords) {
            #expect(try JSONParser.parse(raw) == value)
            #expect(raw.first.map { !JSONBytes.isWhitespace($0) } == true)
            #expect(raw.last.map { !JSONBytes.isWhitespace($0) } == true)
        }
        #expect(outcome.envelopeValue == expectedEnvelope)
        #expect(outcome.found)
    }

    private func checkAllChunkings(_ doc: [UInt8], _ location: JSONRecordSplitter.ArrayLocation,
                                   maxRecordBytes: Int = 64 << 20, maxEnvelopeBytes: Int = 1 << 20) -> StreamHarness.SplitOutcome {
        let reference = StreamHarness.split(doc, location: location, ends: [doc.count],
                                            maxRecordBytes: maxRecordBytes, maxEnvelopeBytes: maxEnvelopeBytes)
        for ends in StreamHarness.chunkings(count: doc.count) {
            let outcome = StreamHarness.split(doc, location: location, ends: ends,
                                              maxRecordBytes: maxRecordBytes, maxEnvelopeBytes: maxEnvelopeBytes)
            #expect(outcome == reference, "chunk ends \(ends) of \(String(decoding: doc, as: UTF8.self))")
            if outcome != reference { break }
        }
        return reference
    }

    @Test func memberArrayRecordsExactBytes() throws {
        for ws in ["", " ", " \n\t\r "] {
            let doc = Array(Self.memberDoc(Self.richRecords, ws: ws).utf8)
            let outcome = checkAllChunkings(doc, .member("events"))
            try checkSemantics(doc, .member("events"), outcome)
            #expect(outcome.records.map { String(decoding: $0, as: UTF8.self) } == Self.richRecords)
            let expectedRaw = "{\(ws)\"metadata\"\(ws):\(ws){\"page_key\":\"x\",\"events\":[\"decoy\"]}\(ws),\(ws)\"events\"\(ws):\(ws)[]\(ws),\(ws)\"tail\":[1,2]\(ws)}\(ws)"
            #expect(outcome.envelopeRaw.map { String(decoding: $0, as: UTF8.self) } == expectedRaw)
        }
    }

    @Test func rootArray() throws {
        let doc = Array((" [\n " + Self.richRecords.joined(separator: " ,\n ") + " ] \n").utf8)
        let outcome = checkAllChunkings(doc, .root)
        try checkSemantics(doc, .root, outcome)
        #expect(outcome.records.map { String(decoding: $0, as: UTF8.self) } == Self.richRecords)
        #expect(outcome.envelopeRaw == Array(" [] \n".utf8))
    }

    @Test func variousValidShapes() throws {
        let docs: [(String, JSONRecordSplitter.ArrayLocation)] = [
            (#"{"events":[]}"#, .member("events")),
            (#"{"events":[ ]}"#, .member("events")),
            (#"[]"#, .root),
            (#"[1]"#, .root),
            (#"[[],[[]],{}]"#, .root),
            (#"{"events":[{"a":1}],"events":[{"b":2}]}"#, .member("events")),
            (#"{"ev\u0065nts":[1,2],"x":"events"}"#, .member("events")),
            (#"{"a":{"events":[9]},"events":[1]}"#, .member("events")),
            (#"{"a":"\"events\":[9]","events":[1]}"#, .member("events")),
            ("{\"é\":[\"x\"]}", .member("é")),
        ]
        for (text, location) in docs {
            let doc = Array(text.utf8)
            let outcome = checkAllChunkings(doc, location)
            try checkSemantics(doc, location, outcome)
        }
        let dupDoc = Array(#"{"events":[{"a":1}],"events":[{"b":2}]}"#.utf8)
        let dup = StreamHarness.split(dupDoc, location: .member("events"), ends: [5, dupDoc.count])
        #expect(dup.records == [Array(#"{"a":1}"#.utf8)])
        #expect(dup.envelopeRaw == Array(#"{"events":[],"events":[{"b":2}]}"#.utf8))
    }

    @Test func notFound() {
        let cases: [(String, JSONRecordSplitter.ArrayLocation)] = [
            (#"{"metadata":{}}"#, .member("events")),
            (#"{"events":null,"x":1}"#, .member("events")),
            (#"{"events":null,"events":[1]}"#, .member("events")),
            (#"[1,2]"#, .member("events")),
            (#"{"events":[1]}"#, .root),
            (#""str""#, .root),
            (#" 12 "#, .member("events")),
        ]
        for (text, location) in cases {
            let doc = Array(text.utf8)
            let outcome = checkAllChunkings(doc, location)
            #expect(outcome.error == nil, "\(text)")
            #expect(!outcome.found)
            #expect(outcome.records.isEmpty)
            #expect(outcome.envelopeRaw == doc)
            #expect(outcome.envelopeValue == (try? JSONParser.parse(doc)))
        }
    }

    @Test func errorsHaveAbsoluteOffsets() {
        let cases: [(String, JSONRecordSplitter.ArrayLocation, Int)] = [
            (#"{"events":{"a":1}}"#, .member("events"), 10),
            (#"{"events":"x"}"#, .member("events"), 10),
            (#"{"events":1}"#, .member("events"), 10),
            (#"{"events":[1,]}"#, .member("events"), 13),
            (#"{"events":[,1]}"#, .member("events"), 11),
            (#"{"events":[1,,2]}"#, .member("events"), 13),
            (#"{"events":[1 2]}"#, .member("events"), 13),
            (#"{"events":[{"a":1}{"b":2}]}"#, .member("events"), 18),
            (#"{"events":[{"a":1}}]}"#, .member("events"), 18),
            (#"{"events":[{"a":01}]}"#, .member("events"), 17),
            (#"{"events":[{"a":1,}]}"#, .member("events"), 18),
            (#"{"events":[{"a":"x\qy"}]}"#, .member("events"), 19),
            (#"{"events":[1]"#, .member("events"), 13),
            (#"{"events":[1"#, .member("events"), 12),
            (#"{"events":[{"a":"unterminated]}"#, .member("events"), 31),
            (#"{"events":[1]} x"#, .member("events"), 15),
            (#"{"events":[1]}}"#, .member("events"), 14),
            (#"{"events":[1]}{}"#, .member("events"), 14),
            (#"{"a" 1,"events":[1]}"#, .member("events"), 5),
            (#"{"a":1,"events":[1],}"#, .member("events"), 20),
            (#"[1,2]]"#, .root, 5),
            (#"[1,2] 3"#, .root, 6),
            (#"[1,2"#, .root, 4),
            (#"[tru]"#, .root, 4),
            ("", .root, 0),
            ("   ", .member("events"), 3),
            ("[\"a\u{1}\"]", .root, 3),
        ]
        for (text, location, offset) in cases {
            let outcome = checkAllChunkings(Array(text.utf8), location)
            #expect(outcome.error?.offset == offset, "\(text): \(String(describing: outcome.error))")
        }
        // invalid UTF-8 inside a record and in the envelope
        var bad = Array(#"{"events":[{"a":"x"#.utf8) + [0xC0, 0xAF] + Array(#""}],"m":1}"#.utf8)
        #expect(checkAllChunkings(bad, .member("events")).error?.offset == 18)
        bad = Array(#"{"m":"x"#.utf8) + [0xED, 0xA0, 0x80] + Array(#"","events":[1,2,3]}"#.utf8)
        #expect(checkAllChunkings(bad, .member("events")).error?.offset == 7)
        // error in the envelope after the record array maps past the removed contents
        let after = Array(#"{"events":[1, 2, 3],"m":tru}"#.utf8)
        #expect(checkAllChunkings(after, .member("events")).error?.offset == 27)
    }

    @Test func limits() {
        let doc = Array(#"{"events":[ "0123456789" , "01234567890" ],"m":"abcdefghij"}"#.utf8)
        // record 1 is 12 bytes + trailing space = 13, record 2 is 13 + 1
        #expect(checkAllChunkings(doc, .member("events"), maxRecordBytes: 14).error == nil)
        let tooBig = checkAllChunkings(doc, .member("events"), maxRecordBytes: 13)
        #expect(tooBig.error?.offset == 27 + 13)
        #expect(tooBig.records.count == 1)
        let envelopeSize = StreamHarness.split(doc, location: .member("events"), ends: [doc.count]).envelopeRaw?.count ?? 0
        #expect(checkAllChunkings(doc, .member("events"), maxEnvelopeBytes: envelopeSize).error == nil)
        let envErr = checkAllChunkings(doc, .member("events"), maxEnvelopeBytes: envelopeSize - 1)
        #expect(envErr.error?.message.contains("maxEnvelopeBytes") == true)
        #expect(envErr.error?.offset == doc.count - 1)
        // envelope that never ends is bounded too
        let endless = Array(#"{"m":""#.utf8) + [UInt8](repeating: 0x61, count: 5000)
        #expect(StreamHarness.split(endless, location: .member("events"), ends: [100, 5006], maxEnvelopeBytes: 1000).error?.offset == 1000)
    }

    @Test func handlerErrorPoisons() {
        struct Stop: Error {}
        var splitter = JSONRecordSplitter(recordArray: .root)
        let doc = Array("[1,2,3]".utf8)
        var seen = 0
        _ = doc.withUnsafeBytes { raw in
            #expect(throws: Stop.self) {
                try splitter.feed(raw) { _ in
                    seen += 1
                    if seen == 2 { throw Stop() }
                }
            }
        }
        #expect(seen == 2)
        #expect(throws: JSONStreamError.self) { _ = try splitter.finish() }
    }

    @Test func randomizedRecordsAgainstParser() throws {
        var rng = SplitMix64(seed: 42)
        let atoms = [#""a\"b""#, #""[{""#, "-0", "1.10", "1E+2", "12345678901234567890123", "true", "null", #""\ud83d\ude00""#, "\"é\""]
        func randomValue(_ depth: Int) -> String {
            let pick = Int.random(in: 0..<(depth > 3 ? 1 : 4), using: &rng)
            switch pick {
            case 0: return atoms[Int.random(in: 0..<atoms.count, using: &rng)]
            case 1: return "[" + (0..<Int.random(in: 0..<3, using: &rng)).map { _ in randomValue(depth + 1) }.joined(separator: " , ") + "]"
            default:
                return "{" + (0..<Int.random(in: 0..<3, using: &rng)).map { k in "\"k\(k % 2)\" : " + randomValue(depth + 1) }.joined(separator: ",") + "}"
            }
        }
        for round in 0..<20 {
            let records = (0..<Int.random(in: 0..<6, using: &rng)).map { _ in randomValue(0) }
            let doc = Array(Self.memberDoc(records, ws: round % 2 == 0 ? "" : " \n").utf8)
            let outcome = checkAllChunkings(doc, .member("events"))
            try checkSemantics(doc, .member("events"), outcome)
            #expect(outcome.records.map { String(decoding: $0, as: UTF8.self) } == records)
        }
    }

    /// `feedParsing` splits exactly as `feed` does (same records, same invalid ones with the
    /// same problems, same envelope), and each valid record comes with what parsing it gives.
    @Test func parsingFeedAgreesWithFeedAndTheParser() throws {
        var rng = SplitMix64(seed: 4242)
        let valid = [#"{"id":1,"text":"a\nb \u00e9 \ud83d\ude00"}"#, "[1, -0, 1.10, true, null]", #""plain""#, "{}", #"{"k":{"k":[{"k":"v"}]}}"#, "12345678901234567890123"]
        let invalid = ["{\"t\":\"tab\there\"}", #"{"n":NaN}"#, "{\"u\":\"\u{FFFD}\"}", #"{"a":01}"#, #"{"s":"\x"}"#]
        var invalidSeen = 0
        var validSeen = 0
        for round in 0..<60 {
            var records: [String] = []
            for _ in 0..<Int(rng.next() % 7) {
                records.append(rng.next() % 4 == 0 ? invalid[Int(rng.next() % UInt64(invalid.count))] : valid[Int(rng.next() % UInt64(valid.count))])
            }
            var doc = Array(Self.memberDoc(records, ws: round % 3 == 0 ? " \n" : "").utf8)
            // Invalid UTF-8 inside a string of one record.
            if round % 5 == 0, let at = doc.firstRange(of: Array("\u{FFFD}".utf8)) { doc.replaceSubrange(at, with: [0xC0, 0x80, 0x20]) }
            let ends = StreamHarness.randomCuts(count: doc.count, seed: UInt64(round), maxChunk: 1 + round * 3)
            func run(parsing: Bool) -> (records: [[UInt8]], values: [JSONValue], invalid: [String], error: JSONStreamError?, count: Int?) {
                var splitter = JSONRecordSplitter(recordArray: .member("events"))
                var out: (records: [[UInt8]], values: [JSONValue], invalid: [String], error: JSONStreamError?, count: Int?) = ([], [], [], nil, nil)
                var start = 0
                do {
                    for end in ends {
                        let chunk = Array(doc[start..<end])
                        try chunk.withUnsafeBytes { c in
                            let onInvalid: (UnsafeRawBufferPointer, JSONStreamError) -> Void = { raw, problem in
                                out.invalid.append(String(decoding: raw, as: UTF8.self) + " | \(problem)")
                            }
                            if parsing {
                                try splitter.feedParsing(c, onRecord: { raw, value in out.records.append(Array(raw)); out.values.append(value) }, onInvalid: onInvalid)
                            } else {
                                try splitter.feed(c, onRecord: { raw in out.records.append(Array(raw)) }, onInvalid: onInvalid)
                            }
                        }
                        start = end
                    }
                    out.count = try splitter.finish().recordCount
                } catch let error as JSONStreamError {
                    out.error = error
                } catch {
                    out.error = JSONStreamError(offset: -1, message: "\(error)")
                }
                return out
            }
            let plain = run(parsing: false)
            let parsed = run(parsing: true)
            #expect(parsed.records == plain.records)
            #expect(parsed.invalid == plain.invalid)
            #expect(parsed.error == plain.error)
            #expect(parsed.count == plain.count)
            #expect(parsed.values == (try plain.records.map { try JSONParser.parse($0) }))
            invalidSeen += plain.invalid.count
            validSeen += plain.records.count
        }
        #expect(invalidSeen > 20 && validSeen > 100, "\(invalidSeen) invalid, \(validSeen) valid records")
    }

    @Test func manyRecordsLargeChunks() throws {
        var text = #"{"metadata":{"page_key":"x"},"events":["#
        var expected: [String] = []
        for k in 0..<20000 {
            let r = #"{"id":\#(k),"payload":"\#(String(repeating: "x", count: k % 300))","n":[\#(k).5]}"#
            expected.append(r)
        }
        text += expected.joined(separator: ",") + "]}"
        let doc = Array(text.utf8)
        for ends in [StreamHarness.randomCuts(count: doc.count, seed: 7, maxChunk: 70000), StreamHarness.cuts(count: doc.count, sizes: [4096])] {
            let outcome = StreamHarness.split(doc, location: .member("events"), ends: ends)
            #expect(outcome.error == nil)
            #expect(outcome.recordCount == expected.count)
            #expect(outcome.records.map { String(decoding: $0, as: UTF8.self) } == expected)
            #expect(outcome.envelopeRaw == Array(#"{"metadata":{"page_key":"x"},"events":[]}"#.utf8))
        }
    }
}
