internal import ChronicleByteWords

/// Byte constants and small helpers shared by the parser, writer and stream scanners.
enum JSONBytes {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A

    /// JSON insignificant whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// Value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b &- 0x30)
        case 0x41...0x46: return UInt32(b &- 0x41 &+ 10)
        case 0x61...0x66: return UInt32(b &- 0x61 &+ 10)
        default: return nil
        }
    }

    /// The byte a single-character escape (`\n`, `\"`, ...) stands for, or `nil` for `u` and invalid escapes.
    @inline(__always)
    static func simpleEscape(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x22: return 0x22
        case 0x5C: return 0x5C
        case 0x2F: return 0x2F
        case 0x62: return 0x08
        case 0x66: return 0x0C
        case 0x6E: return 0x0A
        case 0x72: return 0x0D
        case 0x74: return 0x09
        default: return nil
        }
    }

    /// For a UTF-8 lead byte >= 0x80: the number of continuation bytes and the allowed range of
    /// the first continuation byte (rejects overlongs, surrogates and > U+10FFFF). `nil` if `b`
    /// cannot start a well-formed sequence.
    @inline(__always)
    static func utf8Lead(_ b: UInt8) -> (count: Int, low: UInt8, high: UInt8)? {
        switch b {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value (must not be a surrogate).
    @inline(__always)
    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(truncatingIfNeeded: v))
        } else if v < 0x800 {
            out.append(UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        }
    }

    /// A short printable description of a byte for error messages.
    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F {
            return "'\(Character(Unicode.Scalar(b)))'"
        }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
    }

    /// A short name for the JSON type a value starting with byte `b` would have.
    static func typeName(startingWith b: UInt8) -> String {
        switch b {
        case openBrace: return "object"
        case openBracket: return "array"
        case quote: return "string"
        case 0x74, 0x66: return "boolean"
        case 0x6E: return "null"
        case 0x2D, 0x30...0x39: return "number"
        default: return "invalid value"
        }
    }
}

/// Word-at-a-time skipping over the bytes that need no attention inside JSON strings
/// (``ByteWords``): each word's stops are found exactly, as a mask of its bytes, so the first
/// is reached without a byte loop.
extension JSONBytes {
    /// The first index in `i..<n` whose byte `stops` at, or `n`: `stopMask` gives the high bit of
    /// each byte of a word that `stops` at (exactly those); the last bytes short of a word are
    /// looked at one at a time.
    @inline(__always) private static func skip(
        _ p: UnsafePointer<UInt8>, from i: Int, to n: Int, stopMask: (UInt64) -> UInt64, stops: (UInt8) -> Bool
    ) -> Int {
        var j = i
        while j + 8 <= n {
            let mask = stopMask(ByteWords.load(p, at: j))
            if mask != 0 { return j + mask.trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < n {
            if stops(p[j]) { return j }
            j += 1
        }
        return n
    }

    /// The first index in `i..<n` of a `"` or `\`, or `n`.
    @inline(__always) static func skipToQuoteOrBackslash(_ p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        skip(
            p, from: i, to: n,
            stopMask: { ByteWords.lanes(equalTo: quote, in: $0) | ByteWords.lanes(equalTo: backslash, in: $0) },
            stops: { $0 == quote || $0 == backslash }
        )
    }

    /// The first index in `i..<n` of a byte that is not printable ASCII other than `"` and `\`
    /// (a control, a UTF-8 byte, a quote or a backslash), or `n`.
    @inline(__always) static func skipPlainASCII(_ p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        skip(
            p, from: i, to: n,
            stopMask: { word in
                // A byte's low seven bits stand for it where its high bit is clear; a byte with the
                // high bit set stops anyway.
                let low = word & ~ByteWords.highs
                return word & ByteWords.highs | ByteWords.lanesBelow0x20(inASCII: low)
                    | ByteWords.lanes(equalTo: quote, inASCII: low) | ByteWords.lanes(equalTo: backslash, inASCII: low)
            },
            stops: { !($0 >= 0x20 && $0 < 0x80 && $0 != quote && $0 != backslash) }
        )
    }

    /// The first index in `i..<n` of a byte a JSON string written by ``JSONWriter`` must
    /// escape or look at: a control, `"`, `\`, or 0xE2 (the lead byte of U+2028 and U+2029), or `n`.
    @inline(__always) static func skipUnescaped(_ p: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        skip(
            p, from: i, to: n,
            stopMask: { word in
                ByteWords.lanesBelow0x20(word) | ByteWords.lanes(equalTo: quote, in: word)
                    | ByteWords.lanes(equalTo: backslash, in: word) | ByteWords.lanes(equalTo: 0xE2, in: word)
            },
            stops: { $0 < 0x20 || $0 == quote || $0 == backslash || $0 == 0xE2 }
        )
    }
}
