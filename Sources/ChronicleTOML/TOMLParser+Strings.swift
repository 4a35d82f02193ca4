/// The four kinds of string: "basic" (escapes), """multi-line basic""" (escapes, line-ending
/// backslashes), 'literal' and '''multi-line literal''' (as written). Raw control characters
/// other than tab are errors everywhere; line breaks only in the multi-line kinds, and CRLF
/// there reads as LF.
extension TOMLParser {
    mutating func parseBasicString() throws(TOMLError) -> String {
        let open = scanner.position
        scanner.advance()
        var out: [UInt8] = []
        while true {
            guard let b = scanner.peek else { throw unclosed(open, "\"") }
            switch b {
            case TOMLBytes.quote:
                scanner.advance()
                return String(decoding: out, as: UTF8.self)
            case TOMLBytes.backslash:
                try parseEscape(into: &out)
            case TOMLBytes.lineFeed, TOMLBytes.carriageReturn:
                throw scanner.error("the string opened at column \(open.column) is not closed on its line; close it with \" (use \"\"\" for a multi-line string)")
            default:
                try appendStringByte(b, into: &out)
            }
        }
    }

    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let open = scanner.position
        scanner.advance(by: 3)
        _ = try scanner.consumeNewline()
        var out: [UInt8] = []
        while true {
            guard let b = scanner.peek else { throw unclosed(open, "\"\"\"") }
            switch b {
            case TOMLBytes.quote:
                if try closeMultiline(TOMLBytes.quote, into: &out) { return String(decoding: out, as: UTF8.self) }
            case TOMLBytes.backslash:
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &out)
            case TOMLBytes.lineFeed, TOMLBytes.carriageReturn:
                _ = try scanner.consumeNewline()
                out.append(TOMLBytes.lineFeed)
            default:
                try appendStringByte(b, into: &out)
            }
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let open = scanner.position
        scanner.advance()
        var out: [UInt8] = []
        while true {
            guard let b = scanner.peek else { throw unclosed(open, "'") }
            switch b {
            case TOMLBytes.apostrophe:
                scanner.advance()
                return String(decoding: out, as: UTF8.self)
            case TOMLBytes.lineFeed, TOMLBytes.carriageReturn:
                throw scanner.error("the string opened at column \(open.column) is not closed on its line; close it with ' (use ''' for a multi-line string)")
            default:
                try appendStringByte(b, into: &out)
            }
        }
    }

    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let open = scanner.position
        scanner.advance(by: 3)
        _ = try scanner.consumeNewline()
        var out: [UInt8] = []
        while true {
            guard let b = scanner.peek else { throw unclosed(open, "'''") }
            switch b {
            case TOMLBytes.apostrophe:
                if try closeMultiline(TOMLBytes.apostrophe, into: &out) { return String(decoding: out, as: UTF8.self) }
            case TOMLBytes.lineFeed, TOMLBytes.carriageReturn:
                _ = try scanner.consumeNewline()
                out.append(TOMLBytes.lineFeed)
            default:
                try appendStringByte(b, into: &out)
            }
        }
    }

    /// At a run of quotes inside a multi-line string: fewer than three are content; three to
    /// five close the string, the first one or two being content; more is an error.
    mutating func closeMultiline(_ quote: UInt8, into out: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while scanner.peek(at: run) == quote { run += 1 }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            scanner.advance(by: run)
            return false
        }
        guard run <= 5 else {
            scanner.advance(by: 5)
            throw scanner.error("too many quotes at the end of a multi-line string (at most two may come before its closing three)")
        }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        scanner.advance(by: run)
        return true
    }

    /// A `\` at the end of a line (spaces or tabs may follow it) in a multi-line basic string:
    /// skips it with every space, tab and line break up to the next other character.
    mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var k = 1
        while let b = scanner.peek(at: k), TOMLBytes.isWhitespace(b) { k += 1 }
        guard let next = scanner.peek(at: k), next == TOMLBytes.lineFeed || next == TOMLBytes.carriageReturn else {
            return false
        }
        scanner.advance(by: k)
        while true {
            scanner.skipWhitespace()
            if try !scanner.consumeNewline() { return true }
        }
    }

    /// `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`.
    mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        let start = scanner.position
        scanner.advance()
        guard let c = scanner.peek else { throw unclosed(start, "\"") }
        let simple: UInt8?
        switch c {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case TOMLBytes.quote: simple = TOMLBytes.quote
        case TOMLBytes.backslash: simple = TOMLBytes.backslash
        default: simple = nil
        }
        if let simple {
            scanner.advance()
            out.append(simple)
            return
        }
        let digits: Int
        switch c {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            throw TOMLError(at: start, "\\ followed by \(scanner.describeCurrent) is not an escape; use \\\\ for a backslash (escapes: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)")
        }
        scanner.advance()
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let h = scanner.peek, TOMLBytes.isHexDigit(h) else {
                throw scanner.expected("\(digits) hexadecimal digits after \\\(c == UInt8(ascii: "u") ? "u" : "U")")
            }
            value = value << 4 | UInt32(Self.hexValue(h))
            scanner.advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw TOMLError(at: start, "\(TOMLText.hex(value)) is not a Unicode scalar value (surrogates and values above U+10FFFF are not allowed)")
        }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    static func hexValue(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        default: return b &- 0x61 &+ 10
        }
    }

    /// Copies one byte of string content; raw control characters other than tab are errors.
    mutating func appendStringByte(_ b: UInt8, into out: inout [UInt8]) throws(TOMLError) {
        if TOMLBytes.isControl(b), b != TOMLBytes.tab {
            throw scanner.error("\(scanner.describeCurrent) is not allowed raw in a string; write it as an escape such as \\u\(TOMLText.hex(UInt32(b)).dropFirst(2))")
        }
        out.append(b)
        scanner.advance()
    }

    func unclosed(_ open: TOMLPosition, _ delimiter: String) -> TOMLError {
        scanner.error("the string opened on line \(open.line) is not closed; close it with \(delimiter)")
    }
}
