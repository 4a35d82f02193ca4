internal import ChronicleByteWords
/// Compact JSON serializer.
///
/// Output of ``serialize(_:)`` parses back (with ``JSONParser``) to an equal ``JSONValue``,
/// provided every ``JSONValue/number(_:)`` literal is a valid JSON number. A literal that is not
/// a valid RFC 8259 number is written as a JSON string of its text so the output stays valid JSON.
public enum JSONWriter {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a quoted JSON string. Escapes `"`, `\` and every character below U+0020
    /// (`\n \r \t \b \f` in short form, others as `\u00XX`), and U+2028/U+2029 as
    /// `\u2028`/`\u2029`; `/` is not escaped; all other UTF-8 is copied verbatim.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendStringBytes($0, to: &out) }
    }

    /// Appends the UTF-8 bytes `bytes` (assumed valid UTF-8) as a quoted JSON string. A string
    /// with nothing to escape is appended whole; one with escapes (a line break every line) is
    /// put together in a ``ByteStage`` and appended a kilobyte at a time.
    static func appendStringBytes(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let p = bytes.baseAddress else {
            out.append(JSONBytes.quote)
            out.append(JSONBytes.quote)
            return
        }
        let n = bytes.count
        let firstStop = JSONBytes.skipUnescaped(p, from: 0, to: n)
        guard firstStop < n else {
            out.append(JSONBytes.quote)
            out.append(contentsOf: bytes)
            out.append(JSONBytes.quote)
            return
        }
        ByteStage.with(appendingTo: &out) { stage, out in
            stage.append(JSONBytes.quote, to: &out)
            var i = firstStop
            var runStart = 0
            while i < n {
                let b = p[i]
                if b == 0xE2 {
                    // U+2028 = E2 80 A8, U+2029 = E2 80 A9
                    if i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 {
                        stage.append(p + runStart, count: i - runStart, to: &out)
                        // \u2028 or \u2029
                        stage.append(word: 0x32_30_32_75_5C | UInt64(p[i + 2] == 0xA8 ? 0x38 : 0x39) << 40, count: 6, to: &out)
                        i += 3
                        runStart = i
                    } else {
                        i += 1
                    }
                    i = JSONBytes.skipUnescaped(p, from: i, to: n)
                    continue
                }
                stage.append(p + runStart, count: i - runStart, to: &out)
                // A short escape is one little-endian word: `\n` is 5C 6E.
                switch b {
                case JSONBytes.quote: stage.append(word: 0x22_5C, count: 2, to: &out)
                case JSONBytes.backslash: stage.append(word: 0x5C_5C, count: 2, to: &out)
                case 0x0A: stage.append(word: 0x6E_5C, count: 2, to: &out)
                case 0x0D: stage.append(word: 0x72_5C, count: 2, to: &out)
                case 0x09: stage.append(word: 0x74_5C, count: 2, to: &out)
                case 0x08: stage.append(word: 0x62_5C, count: 2, to: &out)
                case 0x0C: stage.append(word: 0x66_5C, count: 2, to: &out)
                default:
                    // \u00XX
                    let word: UInt64 = 0x30_30_75_5C | UInt64(hexDigits[Int(b >> 4)]) << 32 | UInt64(hexDigits[Int(b & 0x0F)]) << 40
                    stage.append(word: word, count: 6, to: &out)
                }
                i += 1
                runStart = i
                i = JSONBytes.skipUnescaped(p, from: i, to: n)
            }
            stage.append(p + runStart, count: n - runStart, to: &out)
            stage.append(JSONBytes.quote, to: &out)
        }
    }

    /// Appends the compact serialization of `value` (object members in stored order, numbers
    /// as their stored literal).
    public static func append(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .object(let members):
            out.append(JSONBytes.openBrace)
            var first = true
            for member in members {
                if !first { out.append(JSONBytes.comma) }
                first = false
                appendString(member.key, to: &out)
                out.append(JSONBytes.colon)
                append(member.value, to: &out)
            }
            out.append(JSONBytes.closeBrace)
        case .array(let elements):
            out.append(JSONBytes.openBracket)
            var first = true
            for element in elements {
                if !first { out.append(JSONBytes.comma) }
                first = false
                append(element, to: &out)
            }
            out.append(JSONBytes.closeBracket)
        case .string(let s):
            appendString(s, to: &out)
        case .number(let literal):
            if isValidNumberLiteral(literal) {
                out.append(contentsOf: literal.utf8)
            } else {
                appendString(literal, to: &out)
            }
        case .bool(let b):
            out.append(contentsOf: b ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .null:
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        }
    }

    /// Returns the compact serialization of `value`.
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    /// Whether `literal` matches the RFC 8259 number grammar.
    static func isValidNumberLiteral(_ literal: String) -> Bool {
        var it = literal.utf8.makeIterator()
        var c = it.next()
        @inline(__always) func isDigit(_ b: UInt8?) -> Bool {
            guard let b else { return false }
            return b >= 0x30 && b <= 0x39
        }
        if c == 0x2D { c = it.next() }
        if c == 0x30 {
            c = it.next()
        } else if isDigit(c) {
            repeat { c = it.next() } while isDigit(c)
        } else {
            return false
        }
        if c == 0x2E {
            c = it.next()
            guard isDigit(c) else { return false }
            repeat { c = it.next() } while isDigit(c)
        }
        if c == 0x65 || c == 0x45 {
            c = it.next()
            if c == 0x2B || c == 0x2D { c = it.next() }
            guard isDigit(c) else { return false }
            repeat { c = it.next() } while isDigit(c)
        }
        return c == nil
    }
}
