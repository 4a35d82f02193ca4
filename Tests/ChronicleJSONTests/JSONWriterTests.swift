import Testing
@testable import ChronicleJSON

@Suite struct JSONWriterTests {
    private func written(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func stringEscaping() {
        #expect(written("") == #""""#)
        #expect(written("plain/text") == #""plain/text""#)
        #expect(written("a\"b\\c") == #""a\"b\\c""#)
        #expect(written("\n\r\t\u{8}\u{c}") == #""\n\r\t\b\f""#)
        #expect(written("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(written("x\u{2028}y\u{2029}z") == #""x\u2028y\u2029z""#)
        #expect(written("é😀€\u{7F}") == "\"é😀€\u{7F}\"")
    }

    @Test func compactSerialization() throws {
        let v = JSONValue.object([
            JSONMember("b", .array([.number("1.10"), .number("-0"), .number("1E+2"), .bool(true), .bool(false), .null])),
            JSONMember("a", .string("x")),
            JSONMember("b", .object([])),
        ])
        #expect(String(decoding: JSONWriter.serialize(v), as: UTF8.self)
                == #"{"b":[1.10,-0,1E+2,true,false,null],"a":"x","b":{}}"#)
        #expect(try JSONParser.parse(JSONWriter.serialize(v)) == v)
        // Invalid literal stays valid JSON (written as a string).
        #expect(String(decoding: JSONWriter.serialize(.number("NaN")), as: UTF8.self) == #""NaN""#)
    }

    /// The documented escaping, one scalar at a time.
    private func reference(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x2028: out += "\\u2028"
            case 0x2029: out += "\\u2029"
            case 0..<0x20: out += "\\u00" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// Strings of many kilobytes, dense with escapes and with plain runs longer than the
    /// writer's stage (``ByteStage``, 1 KiB), give what the rules give scalar by scalar.
    @Test func longStringsAcrossTheStage() {
        let pieces = ["a", "plain text ", "\n", "\"", "\\", "\t", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2027}", "é", "€", "😀",
                      String(repeating: "x", count: 511), String(repeating: "y", count: 513), String(repeating: "z", count: 1_025), String(repeating: "line\n", count: 900)]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var bytes = 0
        for round in 0..<150 {
            var s = ""
            for _ in 0..<(100 + next(1_500)) {
                // One piece in fifty is a long one.
                s += next(50) == 0 ? pieces[14 + next(4)] : pieces[next(14)]
            }
            #expect(written(s) == reference(s), "round \(round)")
            bytes += s.utf8.count
        }
        #expect(bytes > 1_000_000)
    }

    @Test func roundTripAllControlCharacters() throws {
        var s = ""
        for c in 0..<0x80 { s.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        s += "\u{2028}\u{2029}\u{FFFD}😀"
        let v = JSONValue.array([.string(s), .object([JSONMember(s, .number("0"))])])
        #expect(try JSONParser.parse(JSONWriter.serialize(v)) == v)
    }
}
