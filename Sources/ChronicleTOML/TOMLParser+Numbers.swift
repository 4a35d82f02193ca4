/// Integers (decimal with an optional sign, `0x` `0o` `0b`; underscores only between digits; no
/// leading zeros; 64-bit signed range) and floats (fraction and/or exponent, `inf` and `nan`
/// with optional sign).
extension TOMLParser {
    mutating func parseNumber() throws(TOMLError) -> TOMLValue {
        let start = scanner.position
        let from = scanner.index
        while let b = scanner.peek, TOMLBytes.isLetter(b) || TOMLBytes.isDigit(b) || b == TOMLBytes.underscore
            || b == TOMLBytes.plus || b == TOMLBytes.minus || b == TOMLBytes.dot
        {
            scanner.advance()
        }
        let token = Array(scanner.bytes[from..<scanner.index])
        guard !token.isEmpty else { throw scanner.expected("a value") }
        do {
            return try Self.number(token)
        } catch let reason {
            let text = TOMLText.escapingControlCharacters(String(decoding: token.prefix(40), as: UTF8.self))
            throw TOMLError(at: start, "'\(text)\(token.count > 40 ? "…" : "")' is not a valid number: \(reason.text)")
        }
    }

    struct NumberProblem: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The value of a number token, or why it is not one.
    static func number(_ token: [UInt8]) throws(NumberProblem) -> TOMLValue {
        var i = 0
        var negative = false
        let hasSign = token[0] == TOMLBytes.plus || token[0] == TOMLBytes.minus
        if hasSign {
            negative = token[0] == TOMLBytes.minus
            i = 1
        }
        let rest = Array(token[i...])
        if rest == Array("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if rest == Array("nan".utf8) { return .float(.nan) }
        if rest.count >= 2, rest[0] == UInt8(ascii: "0"), TOMLBytes.isLetter(rest[1]), rest[1] != UInt8(ascii: "e"), rest[1] != UInt8(ascii: "E") {
            let radix: Int64
            let isDigit: (UInt8) -> Bool
            switch rest[1] {
            case UInt8(ascii: "x"): radix = 16; isDigit = TOMLBytes.isHexDigit
            case UInt8(ascii: "o"): radix = 8; isDigit = { $0 >= 0x30 && $0 <= 0x37 }
            case UInt8(ascii: "b"): radix = 2; isDigit = { $0 == 0x30 || $0 == 0x31 }
            default: throw NumberProblem("prefixes are 0x, 0o and 0b (lower case)")
            }
            if hasSign { throw NumberProblem("hexadecimal, octal and binary integers take no sign") }
            let (end, digits) = try digitRun(rest, from: 2, isDigit: isDigit)
            guard end == rest.count else { throw NumberProblem("unexpected \(describe(rest[end])) among the digits") }
            var value: Int64 = 0
            for d in digits {
                let (times, o1) = value.multipliedReportingOverflow(by: radix)
                let (plus, o2) = times.addingReportingOverflow(Int64(hexValue(d)))
                if o1 || o2 { throw NumberProblem("it does not fit in a 64-bit signed integer") }
                value = plus
            }
            return .integer(value)
        }
        // Decimal: integer part, then an optional fraction and exponent.
        let (intEnd, intDigits) = try digitRun(rest, from: 0, isDigit: TOMLBytes.isDigit)
        if intDigits.count > 1, intDigits[0] == UInt8(ascii: "0") { throw NumberProblem("leading zeros are not allowed") }
        var j = intEnd
        var isFloat = false
        var cleaned: [UInt8] = (negative ? [TOMLBytes.minus] : []) + intDigits
        if j < rest.count, rest[j] == TOMLBytes.dot {
            isFloat = true
            let (end, digits) = try digitRun(rest, from: j + 1, isDigit: TOMLBytes.isDigit)
            cleaned += [TOMLBytes.dot] + digits
            j = end
        }
        if j < rest.count, rest[j] == UInt8(ascii: "e") || rest[j] == UInt8(ascii: "E") {
            isFloat = true
            cleaned.append(UInt8(ascii: "e"))
            j += 1
            if j < rest.count, rest[j] == TOMLBytes.plus || rest[j] == TOMLBytes.minus {
                cleaned.append(rest[j])
                j += 1
            }
            let (end, digits) = try digitRun(rest, from: j, isDigit: TOMLBytes.isDigit)
            cleaned += digits
            j = end
        }
        guard j == rest.count else { throw NumberProblem("unexpected \(describe(rest[j]))") }
        let text = String(decoding: cleaned, as: UTF8.self)
        if isFloat {
            guard let d = Double(text) else { throw NumberProblem("not a float") }
            guard d.isFinite else { throw NumberProblem("it is too large for a 64-bit float (write inf for infinity)") }
            if d == 0, cleaned.prefix(while: { $0 != UInt8(ascii: "e") }).contains(where: { $0 >= 0x31 && $0 <= 0x39 }) {
                throw NumberProblem("it is too small for a 64-bit float and would read as 0")
            }
            return .float(d)
        }
        guard let n = Int64(text) else { throw NumberProblem("it does not fit in a 64-bit signed integer (-9223372036854775808…9223372036854775807)") }
        return .integer(n)
    }

    /// Digits from `start`, underscores allowed only between two digits; at least one digit.
    static func digitRun(_ bytes: [UInt8], from start: Int, isDigit: (UInt8) -> Bool) throws(NumberProblem) -> (end: Int, digits: [UInt8]) {
        var digits: [UInt8] = []
        var i = start
        var lastWasDigit = false
        while i < bytes.count {
            let b = bytes[i]
            if isDigit(b) {
                digits.append(b)
                lastWasDigit = true
            } else if b == TOMLBytes.underscore {
                guard lastWasDigit, i + 1 < bytes.count, isDigit(bytes[i + 1]) else {
                    throw NumberProblem("an underscore must stand between two digits")
                }
                lastWasDigit = false
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else {
            throw NumberProblem(i < bytes.count ? "expected a digit, found \(describe(bytes[i]))" : "a digit is missing at the end")
        }
        return (i, digits)
    }

    static func describe(_ b: UInt8) -> String { TOMLText.describe(Unicode.Scalar(b)) }
}
