import Testing
@testable import ChronicleJSON

@Suite struct JSONParserTests {
    private func parse(_ s: String) throws -> JSONValue {
        try JSONParser.parse(Array(s.utf8))
    }

    private func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            // validate must agree with parse
            let v: JSONSyntaxError? = bytes.withUnsafeBytes { raw -> JSONSyntaxError? in
                do throws(JSONSyntaxError) { try JSONParser.validate(raw); return nil } catch { return error }
            }
            #expect(v == error)
            return error
        }
        let ok: Bool = bytes.withUnsafeBytes { raw in (try? JSONParser.validate(raw)) != nil }
        #expect(ok)
        return nil
    }

    private func syntaxError(_ s: String) -> JSONSyntaxError? { syntaxError(Array(s.utf8)) }

    @Test func parsesBasicValues() throws {
        let v = try parse(#" { "a": [1, -0, 1.10, 1E+2, 12345678901234567890123], "b": true, "c": null, "d": "x\ny", "e": {} , "f": [] } "#)
        #expect(v["a"] == .array([.number("1"), .number("-0"), .number("1.10"), .number("1E+2"), .number("12345678901234567890123")]))
        #expect(v["b"]?.boolValue == true)
        #expect(v["c"]?.isNull == true)
        #expect(v["d"]?.stringValue == "x\ny")
        #expect(v["e"] == .object([]))
        #expect(v["f"] == .array([]))
        #expect(v["zz"] == nil)
        #expect(v.typeName == "object")
        #expect(try parse("false") == .bool(false))
        #expect(try parse(" \"\" ") == .string(""))
        #expect(try parse("0") == .number("0"))
        #expect(try parse("-1.5e-7") == .number("-1.5e-7"))
    }

    @Test func duplicateKeysAndOrderPreserved() throws {
        let v = try parse(#"{"k":1,"a":2,"k":3}"#)
        #expect(v.objectMembers == [JSONMember("k", .number("1")), JSONMember("a", .number("2")), JSONMember("k", .number("3"))])
        #expect(v["k"] == .number("3"))
    }

    @Test func accessors() throws {
        #expect(JSONValue.number("9223372036854775807").int64Value == Int64.max)
        #expect(JSONValue.number("-9223372036854775808").int64Value == Int64.min)
        #expect(JSONValue.number("9223372036854775808").int64Value == nil)
        #expect(JSONValue.number("-9223372036854775809").int64Value == nil)
        #expect(JSONValue.number("1.0").int64Value == nil)
        #expect(JSONValue.number("1E2").int64Value == nil)
        #expect(JSONValue.number("-0").int64Value == 0)
        #expect(JSONValue.number("42").int64Value == 42)
        #expect(JSONValue.string("42").int64Value == nil)
        #expect(JSONValue.number("1E+2").doubleValue == 100)
        #expect(JSONValue.number("1.10").doubleValue == 1.1)
        #expect(JSONValue.number("nan").doubleValue == nil)
        #expect(JSONValue.string("x").doubleValue == nil)
        #expect(JSONValue.array([.null]).arrayValue == [.null])
        #expect(JSONValue.null.arrayValue == nil)
        #expect(JSONValue.null.objectMembers == nil)
        #expect(JSONValue.bool(true).stringValue == nil)
        #expect(JSONValue.array([])["a"] == nil)
        #expect([JSONValue.object([]), .array([]), .string(""), .number("1"), .bool(true), .null].map(\.typeName)
                == ["object", "array", "string", "number", "boolean", "null"])
    }

    @Test func escapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{c}\n\r\t"))
        #expect(try parse(#""\u0041\u00e9\u4e2d""#) == .string("Aé中"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""a\ud83dz""#) == .string("a\u{FFFD}z"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
        #expect(try parse(#""\ud83d\n""#) == .string("\u{FFFD}\n"))
        #expect(try parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try parse("\"é😀\u{2028}\"") == .string("é😀\u{2028}"))
    }

    @Test func syntaxErrorsWithOffsets() {
        let cases: [(String, Int)] = [
            ("", 0), ("   ", 3), ("[1,]", 3), ("{\"a\":1,}", 7), ("[1 2]", 3), ("01", 1), ("-", 1), ("1.", 2),
            ("1e", 2), (".5", 0), ("+1", 0), ("NaN", 0), ("[NaN]", 1), ("tru", 3), ("trUe", 2), ("nul", 3),
            ("{\"a\" 1}", 5), ("{1:2}", 1), ("[1]x", 3), ("[1] [2]", 4), ("// c\n1", 0), ("[1,/*c*/2]", 3),
            ("\"abc", 4), ("\"a\\x\"", 3), ("\"\\u12G4\"", 5), ("\"\\u12", 5), ("\"a\tb\"", 2), ("[", 1), ("{", 1),
            ("{\"a\":}", 5), ("[-01]", 3), ("Infinity", 0), ("[1,,2]", 3), ("\"\u{7F}\"", -1),
        ]
        for (text, offset) in cases {
            let e = syntaxError(text)
            if offset < 0 {
                #expect(e == nil, "\(text)")
            } else {
                #expect(e?.offset == offset, "\(text): \(String(describing: e))")
            }
        }
        #expect(syntaxError("[1,]")?.description.hasPrefix("invalid JSON at byte 3: ") == true)
    }

    @Test func utf8Validation() {
        let q: UInt8 = 0x22
        let bad: [[UInt8]] = [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
            [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xFF], [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x28], [0xE2, 0x28, 0xA1],
        ]
        for seq in bad {
            let e = syntaxError([q, 0x61] + seq + [q])
            #expect(e?.offset == 2, "\(seq)")
        }
        let good: [[UInt8]] = [[0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
                               [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]]
        for seq in good {
            #expect(syntaxError([q] + seq + [q]) == nil, "\(seq)")
        }
        // non-ASCII outside strings
        #expect(syntaxError([0x5B, 0xC3, 0xA9, 0x5D])?.offset == 1)
    }

    @Test func depthLimit() {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(syntaxError(ok) == nil)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(syntaxError(tooDeep)?.offset == 512)
        let objects = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(syntaxError(objects) != nil)
        // Very deep garbage must not overflow the stack.
        let huge = [UInt8](repeating: 0x5B, count: 1_000_000)
        #expect(syntaxError(huge)?.offset == 512)
    }

    @Test func bigDocumentRoundTrip() throws {
        var text = "["
        for k in 0..<2000 {
            if k > 0 { text += "," }
            text += #"{"id":\#(k),"name":"n\#(k) \"q\" \\ é 😀","v":[\#(k).5,-\#(k)e3,true,null],"o":{"x":{"y":[]}}}"#
        }
        text += "]"
        let v = try parse(text)
        #expect(v.arrayValue?.count == 2000)
        #expect(v.arrayValue?[1999]["name"]?.stringValue == "n1999 \"q\" \\ é 😀")
        let again = try JSONParser.parse(JSONWriter.serialize(v))
        #expect(again == v)
    }
}

@Suite struct JSONUTF8MessageTests {
    /// The byte is named once: the message read "invalid UTF-8 byte byte 0xFF".
    @Test func anInvalidByteIsNamedOnce() throws {
        var message = ""
        do {
            _ = try JSONParser.parse(Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8))
        } catch {
            message = "\(error)"
        }
        #expect(message.contains("invalid UTF-8: byte 0xFF"), "\(message)")
        #expect(!message.contains("byte byte"))
    }
}
