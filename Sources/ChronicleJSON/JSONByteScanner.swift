internal import ChronicleByteWords

/// The strict RFC 8259 parser engine behind ``JSONParser``.
///
/// Iterative (explicit stacks, no recursion), so deeply nested input can never overflow the
/// call stack; nesting beyond ``maxDepth`` is a syntax error.
struct JSONByteScanner {
    /// Maximum container nesting depth.
    static let maxDepth = 512

    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
    /// Where a string with escapes is decoded (parsing only): as long as the document, since a
    /// string never decodes to more bytes than it is written with (an escape of 2, 6 or 12 bytes
    /// gives 1 to 4), so it is written to with plain stores and never grown.
    private let scratch: UnsafeMutablePointer<UInt8>?
    /// Bytes of the current string decoded into `scratch`.
    private var scratchCount = 0

    init(_ p: UnsafePointer<UInt8>, count: Int, scratch: UnsafeMutablePointer<UInt8>? = nil) {
        self.p = p
        self.n = count
        self.scratch = scratch
    }

    // MARK: - Entry points

    /// Parses the whole buffer as one JSON document.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, message: "unexpected end of input")
        }
        let result = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch -> Result<JSONValue, JSONSyntaxError> in
            var scanner = JSONByteScanner(base.assumingMemoryBound(to: UInt8.self), count: bytes.count, scratch: scratch.baseAddress)
            do throws(JSONSyntaxError) {
                return .success(try scanner.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Validates the whole buffer as one JSON document without building a tree.
    static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, message: "unexpected end of input")
        }
        var scanner = JSONByteScanner(base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        try scanner.validateDocument()
    }

    // MARK: - Helpers

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? i, message: message)
    }

    private func unexpected(_ expectation: String) -> JSONSyntaxError {
        if i >= n { return error("unexpected end of input, \(expectation)") }
        return error("unexpected \(JSONBytes.describe(p[i])), \(expectation)")
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < n && JSONBytes.isWhitespace(p[i]) { i += 1 }
    }

    // MARK: - Tree building

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        // Frame layout: kind (0 = array, 1 = object), start index into `values`, start index into `keys`.
        var frames: [(isObject: Bool, valueStart: Int, keyStart: Int)] = []
        var values: [JSONValue] = []
        var keys: [String] = []
        // Room for a typical record (an event: a dozen members, two or three levels deep), so
        // the stacks are not grown and copied four times over for each one.
        frames.reserveCapacity(8)
        values.reserveCapacity(32)
        keys.reserveCapacity(32)
        var value: JSONValue

        outer: while true {
            skipWhitespace()
            guard i < n else { throw error("unexpected end of input, expected a value") }
            switch p[i] {
            case JSONBytes.openBrace:
                if frames.count >= JSONByteScanner.maxDepth {
                    throw error("nesting depth exceeds \(JSONByteScanner.maxDepth)")
                }
                i += 1
                skipWhitespace()
                if i < n && p[i] == JSONBytes.closeBrace {
                    i += 1
                    value = .object([])
                } else {
                    frames.append((true, values.count, keys.count))
                    keys.append(try parseKeyAndColon())
                    continue outer
                }
            case JSONBytes.openBracket:
                if frames.count >= JSONByteScanner.maxDepth {
                    throw error("nesting depth exceeds \(JSONByteScanner.maxDepth)")
                }
                i += 1
                skipWhitespace()
                if i < n && p[i] == JSONBytes.closeBracket {
                    i += 1
                    value = .array([])
                } else {
                    frames.append((false, values.count, keys.count))
                    continue outer
                }
            default:
                value = try parseScalar()
            }

            // A value is complete: attach it to enclosing containers, closing as many as possible.
            while true {
                guard let frame = frames.last else {
                    skipWhitespace()
                    if i != n { throw error("unexpected \(JSONBytes.describe(p[i])) after the JSON value") }
                    return value
                }
                values.append(value)
                skipWhitespace()
                guard i < n else {
                    throw error(frame.isObject ? "unexpected end of input, expected ',' or '}'"
                                               : "unexpected end of input, expected ',' or ']'")
                }
                let b = p[i]
                if b == JSONBytes.comma {
                    i += 1
                    if frame.isObject {
                        skipWhitespace()
                        keys.append(try parseKeyAndColon())
                    }
                    continue outer
                }
                if frame.isObject {
                    guard b == JSONBytes.closeBrace else { throw unexpected("expected ',' or '}'") }
                    i += 1
                    var members: [JSONMember] = []
                    members.reserveCapacity(values.count - frame.valueStart)
                    var k = frame.keyStart
                    for v in values[frame.valueStart...] {
                        members.append(JSONMember(keys[k], v))
                        k += 1
                    }
                    values.removeSubrange(frame.valueStart...)
                    keys.removeSubrange(frame.keyStart...)
                    value = .object(members)
                } else {
                    guard b == JSONBytes.closeBracket else { throw unexpected("expected ',' or ']'") }
                    i += 1
                    let elements = Array(values[frame.valueStart...])
                    values.removeSubrange(frame.valueStart...)
                    value = .array(elements)
                }
                frames.removeLast()
            }
        }
    }

    /// Parses `"key"` `:` (whitespace already skipped before the key).
    private mutating func parseKeyAndColon() throws(JSONSyntaxError) -> String {
        guard i < n, p[i] == JSONBytes.quote else { throw unexpected("expected a string key") }
        let key = try parseString()
        skipWhitespace()
        guard i < n, p[i] == JSONBytes.colon else { throw unexpected("expected ':'") }
        i += 1
        return key
    }

    private mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        switch p[i] {
        case JSONBytes.quote:
            return .string(try parseString())
        case 0x74:
            try expectLiteral("true")
            return .bool(true)
        case 0x66:
            try expectLiteral("false")
            return .bool(false)
        case 0x6E:
            try expectLiteral("null")
            return .null
        case 0x2D, 0x30...0x39:
            let start = i
            try scanNumber()
            return .number(ValidatedUTF8.string(UnsafeBufferPointer(start: p + start, count: i - start)))
        default:
            throw unexpected("expected a value")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let contentStart = i + 1
        // Only parsing decodes, and parsing always has a scratch buffer.
        if try scanString(decode: true), let scratch {
            return ValidatedUTF8.string(UnsafeBufferPointer(start: scratch, count: scratchCount))
        }
        // scanString checked every byte: strict UTF-8, no surrogates, escapes decoded to scalars.
        return ValidatedUTF8.string(UnsafeBufferPointer(start: p + contentStart, count: i - 1 - contentStart))
    }

    // MARK: - Validation only

    private mutating func validateDocument() throws(JSONSyntaxError) {
        var frames: [Bool] = []  // true = object
        outer: while true {
            skipWhitespace()
            guard i < n else { throw error("unexpected end of input, expected a value") }
            switch p[i] {
            case JSONBytes.openBrace:
                if frames.count >= JSONByteScanner.maxDepth {
                    throw error("nesting depth exceeds \(JSONByteScanner.maxDepth)")
                }
                i += 1
                skipWhitespace()
                if i < n && p[i] == JSONBytes.closeBrace {
                    i += 1
                } else {
                    frames.append(true)
                    try skipKeyAndColon()
                    continue outer
                }
            case JSONBytes.openBracket:
                if frames.count >= JSONByteScanner.maxDepth {
                    throw error("nesting depth exceeds \(JSONByteScanner.maxDepth)")
                }
                i += 1
                skipWhitespace()
                if i < n && p[i] == JSONBytes.closeBracket {
                    i += 1
                } else {
                    frames.append(false)
                    continue outer
                }
            case JSONBytes.quote:
                _ = try scanString(decode: false)
            case 0x74:
                try expectLiteral("true")
            case 0x66:
                try expectLiteral("false")
            case 0x6E:
                try expectLiteral("null")
            case 0x2D, 0x30...0x39:
                try scanNumber()
            default:
                throw unexpected("expected a value")
            }

            while true {
                guard let isObject = frames.last else {
                    skipWhitespace()
                    if i != n { throw error("unexpected \(JSONBytes.describe(p[i])) after the JSON value") }
                    return
                }
                skipWhitespace()
                guard i < n else {
                    throw error(isObject ? "unexpected end of input, expected ',' or '}'"
                                         : "unexpected end of input, expected ',' or ']'")
                }
                let b = p[i]
                if b == JSONBytes.comma {
                    i += 1
                    if isObject {
                        skipWhitespace()
                        try skipKeyAndColon()
                    }
                    continue outer
                }
                if isObject {
                    guard b == JSONBytes.closeBrace else { throw unexpected("expected ',' or '}'") }
                } else {
                    guard b == JSONBytes.closeBracket else { throw unexpected("expected ',' or ']'") }
                }
                i += 1
                frames.removeLast()
            }
        }
    }

    private mutating func skipKeyAndColon() throws(JSONSyntaxError) {
        guard i < n, p[i] == JSONBytes.quote else { throw unexpected("expected a string key") }
        _ = try scanString(decode: false)
        skipWhitespace()
        guard i < n, p[i] == JSONBytes.colon else { throw unexpected("expected ':'") }
        i += 1
    }

    // MARK: - Tokens

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let lp = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for k in 0..<count {
            guard i + k < n, p[i + k] == lp[k] else {
                throw error(i + k < n ? "invalid literal, expected '\(literal)'" : "unexpected end of input in literal",
                            at: i + k)
            }
        }
        i += count
    }

    /// Scans a number per RFC 8259 grammar; leaves `i` after it.
    private mutating func scanNumber() throws(JSONSyntaxError) {
        if p[i] == 0x2D { i += 1 }
        guard i < n else { throw error("unexpected end of input in number") }
        let first = p[i]
        if first == 0x30 {
            i += 1
            if i < n && p[i] >= 0x30 && p[i] <= 0x39 { throw error("leading zeros are not allowed in numbers") }
        } else if first >= 0x31 && first <= 0x39 {
            i += 1
            while i < n && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        } else {
            throw unexpected("expected a digit in number")
        }
        if i < n && p[i] == 0x2E {
            i += 1
            guard i < n, p[i] >= 0x30 && p[i] <= 0x39 else { throw unexpected("expected a digit after '.'") }
            while i < n && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        }
        if i < n && (p[i] == 0x65 || p[i] == 0x45) {
            i += 1
            if i < n && (p[i] == 0x2B || p[i] == 0x2D) { i += 1 }
            guard i < n, p[i] >= 0x30 && p[i] <= 0x39 else { throw unexpected("expected a digit in exponent") }
            while i < n && p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
        }
    }

    /// Scans a string starting at the opening quote; leaves `i` after the closing quote.
    /// Returns whether escapes were present; if so and `decode` is set, `scratch` holds the decoded bytes.
    private mutating func scanString(decode: Bool) throws(JSONSyntaxError) -> Bool {
        i += 1
        var runStart = i
        var hadEscape = false
        while true {
            // Fast path: ordinary printable ASCII.
            i = JSONBytes.skipPlainASCII(p, from: i, to: n)
            guard i < n else { throw error("unexpected end of input in string") }
            let b = p[i]
            if b == JSONBytes.quote {
                if decode && hadEscape { appendToScratch(p + runStart, count: i - runStart) }
                i += 1
                return hadEscape
            }
            if b == JSONBytes.backslash {
                if decode {
                    if !hadEscape { scratchCount = 0 }
                    appendToScratch(p + runStart, count: i - runStart)
                }
                hadEscape = true
                try scanEscape(decode: decode)
                runStart = i
                continue
            }
            if b < 0x20 {
                throw error("unescaped control character \(JSONBytes.describe(b)) in string")
            }
            guard let lead = JSONBytes.utf8Lead(b) else { throw error("invalid UTF-8: \(JSONBytes.describe(b))") }
            guard i + lead.count < n else { throw error("truncated UTF-8 sequence") }
            let c1 = p[i + 1]
            guard c1 >= lead.low && c1 <= lead.high else { throw error("invalid UTF-8 sequence") }
            if lead.count >= 2 {
                guard p[i + 2] & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") }
                if lead.count == 3 {
                    guard p[i + 3] & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") }
                }
            }
            i += lead.count + 1
        }
    }

    @inline(__always)
    private mutating func appendToScratch(_ source: UnsafePointer<UInt8>, count: Int) {
        guard let scratch, count > 0 else { return }
        UnsafeMutableRawPointer(scratch + scratchCount).copyMemory(from: source, byteCount: count)
        scratchCount += count
    }

    @inline(__always)
    private mutating func appendToScratch(_ byte: UInt8) {
        guard let scratch else { return }
        (scratch + scratchCount).initialize(to: byte)
        scratchCount += 1
    }

    /// Appends the UTF-8 of a scalar value (not a surrogate).
    private mutating func appendScalarToScratch(_ v: UInt32) {
        if v < 0x80 {
            appendToScratch(UInt8(truncatingIfNeeded: v))
        } else if v < 0x800 {
            appendToScratch(UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            appendToScratch(UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        } else {
            appendToScratch(UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            appendToScratch(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        }
    }

    /// Scans one escape sequence starting at the backslash.
    private mutating func scanEscape(decode: Bool) throws(JSONSyntaxError) {
        i += 1
        guard i < n else { throw error("unexpected end of input in string escape") }
        let e = p[i]
        if let simple = JSONBytes.simpleEscape(e) {
            if decode { appendToScratch(simple) }
            i += 1
            return
        }
        guard e == 0x75 else { throw error("invalid escape sequence '\\\(Character(Unicode.Scalar(e)))'") }
        i += 1
        var unit = try scanHex4()
        while true {
            if unit >= 0xD800 && unit < 0xDC00 {
                if i + 1 < n && p[i] == JSONBytes.backslash && p[i + 1] == 0x75 {
                    i += 2
                    let next = try scanHex4()
                    if next >= 0xDC00 && next < 0xE000 {
                        if decode {
                            appendScalarToScratch(0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00))
                        }
                        return
                    }
                    if decode { appendScalarToScratch(0xFFFD) }
                    unit = next
                    continue
                }
                if decode { appendScalarToScratch(0xFFFD) }
                return
            }
            if decode {
                appendScalarToScratch(unit >= 0xDC00 && unit < 0xE000 ? 0xFFFD : unit)
            }
            return
        }
    }

    private mutating func scanHex4() throws(JSONSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < n else { throw error("unexpected end of input in \\u escape") }
            guard let d = JSONBytes.hexValue(p[i]) else {
                throw error("invalid hex digit \(JSONBytes.describe(p[i])) in \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}
