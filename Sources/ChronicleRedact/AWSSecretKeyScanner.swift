/// `(?i)(?:aws_?secret_?access_?key|aws_?secret|secret_?access_?key)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`
/// without backtracking; group 1 is replaced.
///
/// The words are matched as ICU matches case-insensitive literals (``FoldedLiteral``: `ſecret`,
/// `acceß`, `Key` with the Kelvin sign), the 40 characters and the look-ahead with the class
/// closed over case (``CaseInsensitiveASCIIClass``). Every step after the words has one way to
/// match: an optional `_` or quote that is present must be taken (a word, `\s`, `[:=]` or the
/// class cannot start with it), and `\s*` must take the whole run (`[:=]`, a quote and the
/// class are not whitespace). So each start tries at most its two `aws` alternatives (the
/// longer first) and reads a bounded part of the text besides whitespace runs that belong to
/// that start alone.
struct AWSSecretKeyScanner: BuiltinRuleScanner {
    private static let aws = FoldedLiteral("aws")
    private static let secret = FoldedLiteral("secret")
    private static let access = FoldedLiteral("access")
    private static let key = FoldedLiteral("key")
    private static let value = CaseInsensitiveASCIIClass(ascii: ASCIIByteClass("/+=", ranges: ["AZ", "az", "09"]))
    private static let quotes = ASCIIByteClass("\"'")
    private static let separators = ASCIIByteClass(":=")

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            let mayStart = b | 0x20 == UInt8(ascii: "a") || b | 0x20 == UInt8(ascii: "s") || (b == 0xC5 && text.byte(at: i + 1) == 0xBF)
            guard mayStart, let group = Self.secretValue(at: i, in: text) else {
                i += 1
                continue
            }
            found.append(group)
            i = group.upperBound
        }
        return found
    }

    private static func secretValue(at p: Int, in text: UTF8Text) -> Range<Int>? {
        if let afterAWSSecret = words([aws, secret], at: p, in: text) {
            if let end = words([access, key], at: optionalUnderscore(afterAWSSecret, text), in: text), let group = value(afterName: end, in: text) {
                return group
            }
            return value(afterName: afterAWSSecret, in: text)
        }
        if let end = words([secret, access, key], at: p, in: text) { return value(afterName: end, in: text) }
        return nil
    }

    /// `w1_?w2_?…` at `i`: where it ends.
    private static func words(_ literals: [FoldedLiteral], at i: Int, in text: UTF8Text) -> Int? {
        var k = i
        for (index, literal) in literals.enumerated() {
            if index > 0 { k = optionalUnderscore(k, text) }
            guard let end = literal.end(matchingAt: k, in: text) else { return nil }
            k = end
        }
        return k
    }

    private static func optionalUnderscore(_ i: Int, _ text: UTF8Text) -> Int {
        text.byte(at: i) == UInt8(ascii: "_") ? i + 1 : i
    }

    /// `["']?\s*[:=]\s*["']?([…]{40})(?![…])` after the name: group 1.
    private static func value(afterName i: Int, in text: UTF8Text) -> Range<Int>? {
        var k = i
        if let b = text.byte(at: k), quotes.contains(b) { k += 1 }
        k = text.endOfWhitespace(from: k)
        guard let separator = text.byte(at: k), separators.contains(separator) else { return nil }
        k = text.endOfWhitespace(from: k + 1)
        if let b = text.byte(at: k), quotes.contains(b) { k += 1 }
        let (end, characters) = Self.value.run(from: k, in: text, limit: 40)
        guard characters == 40, end == text.count || Self.value.memberLength(at: end, in: text) == nil else { return nil }
        return k..<end
    }
}
