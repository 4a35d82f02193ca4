import ChronicleTOML
import Testing

/// Documents TOML 1.0 refuses, one or more for each category of the toml-test suite (arrays,
/// booleans, control characters, date-times, encoding, floats, inline tables, integers, keys,
/// local dates and times, strings, tables), each with the line of the error and a word of its
/// message.
@Suite("TOML: invalid documents")
struct TOMLInvalidDocumentTests {
    /// (document, line of the error, a fragment of the message)
    static let cases: [(String, Int, String)] = [
        // Arrays
        ("a = [1,,2]", 1, "expected a value"),
        ("a = [,]", 1, "expected a value"),
        ("a = [1 2]", 1, ", or ]"),
        ("a = [1,\n2", 2, "not closed"),
        ("a = [\n[\n", 3, "not closed"),
        ("a = [1]\n[[a]]", 2, "static array"),
        ("[[a]]\n[a]", 2, "array of tables"),
        ("[a]\n[[a]]", 2, "a table defined on line 1"),
        // Booleans
        ("a = True", 1, "not a value"),
        ("a = truee", 1, "end of the line"),
        ("a = t", 1, "not a value"),
        ("a = fals", 1, "not a value"),
        // Control characters
        ("a = \"x\u{0}y\"", 1, "NUL"),
        ("# comment \u{0}\na = 1", 1, "comment"),
        ("a = 1 # \u{7F}", 1, "comment"),
        ("a = 'x\u{1B}[31m'", 1, "escape"),
        ("a = \"\"\"\u{8}\"\"\"", 1, "not allowed raw"),
        ("a = 1\rb = 2", 1, "carriage return"),
        ("a = \"\"\"x\ry\"\"\"", 1, "carriage return"),
        ("\u{0}", 1, "NUL"),
        // Date-times
        ("a = 1979-13-01", 1, "month 13"),
        ("a = 1979-02-29", 1, "day 29"),
        ("a = 1900-02-29", 1, "day 29"),
        ("a = 1979-05-27T25:00:00", 1, "out of range"),
        ("a = 1979-05-27T07:32", 1, "seconds"),
        ("a = 1979-05-27T07:32:61", 1, "out of range"),
        ("a = 1979-05-27T07:32:00+24:00", 1, "offset"),
        ("a = 1979-05-27T07:32:00+0700", 1, "offset"),
        ("a = 1979-05-27T", 1, "digits"),
        ("a = 1979-05-27T07:32:00.", 1, "fraction"),
        ("a = 1979-5-27", 1, "digits"),
        ("a = 10000-01-01", 1, "not a valid number"),
        ("a = 07:32:00Z", 1, "end of the line"),
        ("a = 7:32:00", 1, "end of the line"),
        // Floats
        ("a = .7", 1, "expected a value"),
        ("a = 7.", 1, "a digit is missing"),
        ("a = 3.e+20", 1, "expected a digit"),
        ("a = 1e", 1, "a digit is missing"),
        ("a = 01.5", 1, "leading zeros"),
        ("a = 1__0.0", 1, "underscore"),
        ("a = 1.0_", 1, "underscore"),
        ("a = _1.0", 1, "expected a value"),
        ("a = 1e400", 1, "too large"),
        ("a = 1e-400", 1, "too small"),
        ("a = infinity", 1, "not a valid number"),
        ("a = NaN", 1, "not a value"),
        ("a = 1.2.3", 1, "not a valid number"),
        // Inline tables
        ("a = {b = 1,}", 1, "trailing comma"),
        ("a = {b = 1\n}", 1, "closed on the line"),
        ("a = {\nb = 1}", 1, "closed on the line"),
        ("a = {b = 1, b = 2}", 1, "already defined"),
        ("a = {b = 1}\na.c = 2", 2, "inline table"),
        ("a = {b = 1}\n[a.c]", 2, "inline table"),
        ("a = {b = {c = 1}, b.d = 2}", 1, "inline table"),
        ("a = {b = 1 c = 2}", 1, ", or }"),
        ("a = {b = 1 # c\n}", 1, "closed on the line"),
        // Integers
        ("a = 0123", 1, "leading zeros"),
        ("a = +0x1", 1, "no sign"),
        ("a = 0X1", 1, "prefixes"),
        ("a = 0x", 1, "a digit is missing"),
        ("a = 0b102", 1, "unexpected '2'"),
        ("a = 0o8", 1, "expected a digit"),
        ("a = 1_", 1, "underscore"),
        ("a = 9223372036854775808", 1, "64-bit"),
        ("a = -9223372036854775809", 1, "64-bit"),
        ("a = 0x8000000000000000", 1, "64-bit"),
        ("a = ++1", 1, "expected a digit"),
        // Keys
        ("= 1", 1, "expected a key"),
        ("a", 1, "= and a value"),
        ("a =", 1, "expected a value"),
        ("a = # nothing", 1, "expected a value"),
        ("a b = 1", 1, "= after the key"),
        ("a. = 1", 1, "expected a key"),
        ("a..b = 1", 1, "expected a key"),
        (".a = 1", 1, "expected a key"),
        ("a = 1\na = 2", 2, "already defined on line 1"),
        ("a = 1\na.b = 2", 2, "already a integer"),
        ("a.b = 1\na = 2", 2, "already defined"),
        ("\"\"\"a\"\"\" = 1", 1, "multi-line"),
        ("a = 1 b = 2", 1, "end of the line"),
        ("\"a\nb\" = 1", 1, "not closed on its line"),
        ("é = 1", 1, "expected a key"),
        ("a = 1\n\"a\" = 2", 2, "already defined"),
        // Strings
        ("a = \"x", 1, "not closed"),
        ("a = \"x\ny\"", 1, "not closed on its line"),
        ("a = 'x\ny'", 1, "not closed on its line"),
        ("a = \"\\x41\"", 1, "not an escape"),
        ("a = \"\\e\"", 1, "not an escape"),
        ("a = \"\\ \"", 1, "not an escape"),
        ("a = \"\\u00\"", 1, "hexadecimal"),
        ("a = \"\\uD800\"", 1, "not a Unicode scalar"),
        ("a = \"\\U00110000\"", 1, "not a Unicode scalar"),
        ("a = \"\"\"x", 1, "not closed"),
        ("a = '''x''''''", 1, "too many quotes"),
        ("a = \"\"\"x\"\"\"\"\"\"", 1, "too many quotes"),
        ("a = \"\"\"\\ x\"\"\"", 1, "not an escape"),
        ("a = '''\n\n'''x", 3, "end of the line"),
        // Tables
        ("[a]\n[a]", 2, "already defined on line 1"),
        ("[a.b]\n[a]\n[a]", 3, "already defined on line 2"),
        ("a.b = 1\n[a]", 2, "dotted keys"),
        ("[a]\nb.c = 1\n[a.b]", 3, "dotted keys"),
        ("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", 4, "defined by its header"),
        ("[[a]]\n[a.b]\n[a]", 3, "array of tables"),
        ("[a]\nb = 1\n[a.b]", 3, "already a integer"),
        ("[]", 1, "expected a key"),
        ("[a", 1, "]"),
        ("[a]b = 1", 1, "end of the line"),
        ("[[a]\n", 1, "second ]"),
        ("[[a] ]", 1, "second ]"),
        ("[ [a]]", 1, "expected a key"),
        ("[a.]", 1, "expected a key"),
        ("[a]]", 1, "end of the line"),
        ("a = 1\n[a]", 2, "already a integer"),
        // Multiple errors: the first one counts
        ("ok = 1\n\nbad = \n[also bad", 3, "expected a value"),
    ]

    @Test(arguments: cases.indices)
    func aDocumentIsRefusedWithItsLineAndReason(_ i: Int) {
        let (text, line, fragment) = Self.cases[i]
        guard let error = parseError(text) else { return }
        #expect(error.line == line, "\(text.debugDescription): \(error)")
        #expect(error.message.contains(fragment), "\(text.debugDescription): \(error)")
        #expect(isOneLine(error.description), "\(error)")
    }

    /// Bytes that are not UTF-8: a stray continuation byte, an overlong form, a surrogate, a
    /// value above U+10FFFF, a truncated sequence.
    @Test(arguments: [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func bytesThatAreNotUTF8(_ bad: [UInt8]) {
        let document = Array("a = 1\nb = \"".utf8) + bad + Array("\"\n".utf8)
        guard let error = parseError(document) else { return }
        #expect(error.line == 2, "\(error)")
        #expect(error.message.contains("UTF-8"))
    }

    /// A NUL byte anywhere stops the document with an error: nothing after it is silently lost.
    @Test func aNulByteIsAnErrorWhereverItIs() {
        let base = "out = \"/srv\"\n[[source]]\nname = \"a\"\n[redact]\nbuiltin = true\n"
        let bytes = Array(base.utf8)
        for offset in bytes.indices {
            var withNul = bytes
            withNul.insert(0, at: offset)
            guard let error = parseError(withNul) else { continue }
            let line = 1 + bytes[..<offset].filter { $0 == 0x0A }.count
            #expect(error.line == line, "NUL at \(offset): \(error)")
            #expect(error.message.contains("NUL"), "NUL at \(offset): \(error)")
        }
    }
}
