import ChronicleTOML
import Testing

/// Documents of every kind TOML 1.0 accepts (the categories of the toml-test suite: arrays,
/// booleans, comments, date-times, floats, inline tables, integers, keys, strings, tables,
/// empty files, CRLF, byte order mark), each with the values the specification gives them.
@Suite("TOML: valid documents")
struct TOMLValidDocumentTests {
    /// (document, path, expected value)
    static let cases: [(String, String, TOMLValue)] = [
        // Empty documents and line endings
        ("", "", .table(TOMLTable())),
        ("  \t\n\n# only a comment\n", "", .table(TOMLTable())),
        ("a = 1\r\nb = 2\r\n", "b", .integer(2)),
        ("\u{FEFF}a = 1", "a", .integer(1)),
        // Comments
        ("a = 1 # comment with \t tab and ünïcode and \"quotes\"", "a", .integer(1)),
        ("# \u{7E}\u{80}\u{10FFFF}\na = true", "a", .boolean(true)),
        // Booleans
        ("t = true\nf = false", "f", .boolean(false)),
        // Integers
        ("a = +99", "a", .integer(99)),
        ("a = -17", "a", .integer(-17)),
        ("a = 0", "a", .integer(0)),
        ("a = -0", "a", .integer(0)),
        ("a = 1_000_000", "a", .integer(1_000_000)),
        ("a = 0xDEAD_beef", "a", .integer(0xDEAD_BEEF)),
        ("a = 0o755", "a", .integer(0o755)),
        ("a = 0b1101_0110", "a", .integer(0b1101_0110)),
        ("a = 9223372036854775807", "a", .integer(Int64.max)),
        ("a = -9223372036854775808", "a", .integer(Int64.min)),
        ("a = 0x7FFFFFFFFFFFFFFF", "a", .integer(Int64.max)),
        // Floats
        ("a = 3.1415", "a", .float(3.1415)),
        ("a = -0.01", "a", .float(-0.01)),
        ("a = 5e+22", "a", .float(5e22)),
        ("a = 1e06", "a", .float(1e6)),
        ("a = -2E-2", "a", .float(-0.02)),
        ("a = 6.626e-34", "a", .float(6.626e-34)),
        ("a = 224_617.445_991_228", "a", .float(224_617.445_991_228)),
        ("a = 0e0", "a", .float(0)),
        ("a = 1.7976931348623157e308", "a", .float(Double.greatestFiniteMagnitude)),
        ("a = inf", "a", .float(.infinity)),
        ("a = +inf", "a", .float(.infinity)),
        ("a = -inf", "a", .float(-.infinity)),
        // Date-times, kept as written
        ("a = 1979-05-27T07:32:00Z", "a", .offsetDateTime("1979-05-27T07:32:00Z")),
        ("a = 1979-05-27T00:32:00.999999-07:00", "a", .offsetDateTime("1979-05-27T00:32:00.999999-07:00")),
        ("a = 1979-05-27 07:32:00z", "a", .offsetDateTime("1979-05-27 07:32:00z")),
        ("a = 1979-05-27t07:32:00", "a", .localDateTime("1979-05-27t07:32:00")),
        ("a = 1979-05-27", "a", .localDate("1979-05-27")),
        ("a = 2000-02-29", "a", .localDate("2000-02-29")),
        ("a = 1979-05-27 # a date, then a comment", "a", .localDate("1979-05-27")),
        ("a = 00:32:00.999999", "a", .localTime("00:32:00.999999")),
        ("a = 23:59:60", "a", .localTime("23:59:60")),
        // Strings
        (#"a = "tab\there \"q\" \\ \u00E9 \U0001F600 \b\f\r\n""#, "a", .string("tab\there \"q\" \\ é 😀 \u{8}\u{C}\r\n")),
        ("a = 'C:\\Users\\nodejs\\templates'", "a", .string("C:\\Users\\nodejs\\templates")),
        ("a = \"\"\"\nRoses\nViolets\"\"\"", "a", .string("Roses\nViolets")),
        ("a = \"\"\"\r\none\r\ntwo\"\"\"", "a", .string("one\ntwo")),
        ("a = \"\"\"\nThe quick \\\n\n   brown \\   \n  fox.\"\"\"", "a", .string("The quick brown fox.")),
        ("a = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"", "a", .string("Here are two quotation marks: \"\". Simple enough.")),
        ("a = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"", "a", .string("\"This,\" she said, \"is just a pointless statement.\"")),
        ("a = '''\nThe first newline is\ntrimmed in raw strings.\n'''", "a", .string("The first newline is\ntrimmed in raw strings.\n")),
        ("a = '''I [dw]on't need \\d{2} apples'''", "a", .string("I [dw]on't need \\d{2} apples")),
        ("a = ''''That,' she said, 'is still pointless.''''", "a", .string("'That,' she said, 'is still pointless.'")),
        ("a = \"\"", "a", .string("")),
        ("a = \"\t\"", "a", .string("\t")),
        ("a = \"\u{80}\u{7FF}\u{FFFF}\"", "a", .string("\u{80}\u{7FF}\u{FFFF}")),
        // Keys
        ("bare_key-1 = 1", "bare_key-1", .integer(1)),
        ("1234 = 1", "1234", .integer(1)),
        ("\"ʎǝʞ\" = 1", "ʎǝʞ", .integer(1)),
        ("'key \"quoted\"' = 1", "key \"quoted\"", .integer(1)),
        ("fruit . color = \"yellow\"", "fruit.color", .string("yellow")),
        ("3.14159 = \"pi\"", "3.14159", .string("pi")),
        ("true = 1\ninf = 2\nnan = 3", "nan", .integer(3)),
        ("a.b.c = 1\na.b.d = 2", "a.b.d", .integer(2)),
        // Arrays
        ("a = []", "a", .array([])),
        ("a = [ 1, 2, ]", "a.1", .integer(2)),
        ("a = [\n  1, # one\n  2, # two\n]", "a.1", .integer(2)),
        ("a = [1, 'b', 2.5, [3], {c = 4}]", "a.4.c", .integer(4)),
        ("a = [[1, 2], ['a', \"b\"]]", "a.1.1", .string("b")),
        // Inline tables
        ("a = {}", "a", .table(TOMLTable())),
        ("name = { first = \"Tom\", last = \"Preston-Werner\" }", "name.last", .string("Preston-Werner")),
        ("a = { b.c = 1, b.d = 2 }", "a.b.d", .integer(2)),
        ("a = { b = { c = { d = 1 } } }", "a.b.c.d", .integer(1)),
        // Tables
        ("[table]\nkey = 1", "table.key", .integer(1)),
        ("[ a . 'b' . \"c\" ]\nd = 1", "a.b.c.d", .integer(1)),
        ("[x.y.z.w]\n[x]\nq = 1", "x.q", .integer(1)),
        ("[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true", "fruit.apple.texture.smooth", .boolean(true)),
        ("[a.b.c]\nz = 9\n[a]\nb.y = 2", "a.b.y", .integer(2)),
        ("[[p]]\nn = 1\n[[p]]\nn = 2", "p.1.n", .integer(2)),
        ("[[f]]\n[f.p]\nc = 'r'\n[[f.v]]\nn = 'x'\n[[f]]\n[[f.v]]\nn = 'y'", "f.1.v.0.n", .string("y")),
        ("a = 1\n[b]\n", "b", .table(TOMLTable())),
    ]

    @Test(arguments: cases.indices)
    func aDocumentGivesItsValue(_ i: Int) {
        let (text, path, expected) = Self.cases[i]
        guard let table = parsed(text) else { return }
        let got = path.isEmpty ? .table(table) : value(table, path)
        #expect(got == expected, "\(text)")
    }

    @Test func anEmptyQuotedKeyIsAKey() {
        #expect(parsed("\"\" = 1")?[""]?.value == .integer(1))
        #expect(parsed("'' = 1")?[""]?.value == .integer(1))
    }

    @Test func aQuotedKeyMayHoldADot() {
        let table = parsed("site.\"google.com\" = true")
        #expect(value(table, "site")?.table?["google.com"]?.value == .boolean(true))
    }

    @Test func nanIsAFloat() {
        for text in ["a = nan", "a = +nan", "a = -nan"] {
            guard let d = value(parsed(text), "a")?.float else {
                Issue.record("\(text) is not a float")
                continue
            }
            #expect(d.isNaN)
        }
    }

    @Test func keysKeepDocumentOrder() {
        let table = parsed("z = 1\na = 2\n[m]\n[b]")
        #expect(table?.keys == ["z", "a", "m", "b"])
    }

    /// Keys are compared as written: "é" precomposed and decomposed are two keys.
    @Test func keysAreNotNormalised() {
        let table = parsed("\"\u{E9}\" = 1\n\"e\u{301}\" = 2")
        #expect(table?.entries.count == 2)
    }

    /// The specification's example document, whole.
    @Test func theSpecificationExample() {
        let text = """
            # This is a TOML document

            title = "TOML Example"

            [owner]
            name = "Tom Preston-Werner"
            dob = 1979-05-27T07:32:00-08:00

            [database]
            enabled = true
            ports = [ 8000, 8001, 8002 ]
            data = [ ["delta", "phi"], [3.14] ]
            temp_targets = { cpu = 79.5, case = 72.0 }

            [servers]

            [servers.alpha]
            ip = "10.0.0.1"
            role = "frontend"

            [servers.beta]
            ip = "10.0.0.2"
            role = "backend"
            """
        let t = parsed(text)
        #expect(value(t, "title") == .string("TOML Example"))
        #expect(value(t, "owner.dob") == .offsetDateTime("1979-05-27T07:32:00-08:00"))
        #expect(value(t, "database.ports.2") == .integer(8002))
        #expect(value(t, "database.data.1.0") == .float(3.14))
        #expect(value(t, "database.temp_targets.case") == .float(72))
        #expect(value(t, "servers.beta.role") == .string("backend"))
        #expect(t?.keys == ["title", "owner", "database", "servers"])
    }
}
