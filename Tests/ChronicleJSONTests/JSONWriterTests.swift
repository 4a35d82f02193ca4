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

    @Test func roundTripAllControlCharacters() throws {
        var s = ""
        for c in 0..<0x80 { s.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        s += "\u{2028}\u{2029}\u{FFFD}😀"
        let v = JSONValue.array([.string(s), .object([JSONMember(s, .number("0"))])])
        #expect(try JSONParser.parse(JSONWriter.serialize(v)) == v)
    }
}
