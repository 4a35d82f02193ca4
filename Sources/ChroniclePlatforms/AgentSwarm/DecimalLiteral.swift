import Foundation

/// Sums decimal literals (`0.4211`, `1E-3`) exactly, for costs reported by a platform.
enum DecimalLiteral {
    /// True when `text` is a JSON number literal.
    static func isNumber(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        func digits() -> Bool {
            let start = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i > start
        }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() else { return false }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return false }
        }
        return i == b.count
    }

    /// The sum of `literals` as a decimal literal. One literal is returned as sent; an empty list
    /// gives nil; a literal that is not a number makes the sum unknown (nil).
    static func sum(_ literals: [String]) -> String? {
        guard let first = literals.first else { return nil }
        if literals.count == 1 { return isNumber(first) ? first : nil }
        var total = Decimal.zero
        for literal in literals {
            guard isNumber(literal), let d = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            total += d
        }
        return total.description
    }
}
