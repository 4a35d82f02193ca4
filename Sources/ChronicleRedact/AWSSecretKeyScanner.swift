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
            guard Self.mayStart(at: i, in: text), let group = Self.secretValue(at: i, in: text) else {
                i += 1
                continue
            }
            found.append(group)
            i = group.upperBound
        }
        return found
    }

    private static func secretValue(at p: Int, in text: UTF8Text) -> Range<Int>? {
        if let afterAWSSecret = awsSecret(at: p, in: text) {
            if let end = accessKey(at: optionalUnderscore(afterAWSSecret, text), in: text), let group = value(afterName: end, in: text) {
                return group
            }
            return value(afterName: afterAWSSecret, in: text)
        }
        if let afterSecret = secret.end(matchingAt: p, in: text), let end = accessKey(at: optionalUnderscore(afterSecret, text), in: text) {
            return value(afterName: end, in: text)
        }
        return nil
    }

    /// Whether `aws` or `secret` may start at `i`: `a` then `w`, or `s` (or `ſ`) then `e`, in
    /// either ASCII case (no other character folds to `a`, `w` or `e`).
    @inline(__always)
    private static func mayStart(at i: Int, in text: UTF8Text) -> Bool {
        let b = text[i] | 0x20
        if b == UInt8(ascii: "a") { return (text.byte(at: i + 1) ?? 0) | 0x20 == UInt8(ascii: "w") }
        if b == UInt8(ascii: "s") { return (text.byte(at: i + 1) ?? 0) | 0x20 == UInt8(ascii: "e") }
        return text[i] == 0xC5 && text.byte(at: i + 1) == 0xBF && (text.byte(at: i + 2) ?? 0) | 0x20 == UInt8(ascii: "e")
    }

    /// `aws_?secret` at `i`: where it ends.
    private static func awsSecret(at i: Int, in text: UTF8Text) -> Int? {
        guard let end = aws.end(matchingAt: i, in: text) else { return nil }
        return secret.end(matchingAt: optionalUnderscore(end, text), in: text)
    }

    /// `access_?key` at `i`: where it ends.
    private static func accessKey(at i: Int, in text: UTF8Text) -> Int? {
        guard let end = access.end(matchingAt: i, in: text) else { return nil }
        return key.end(matchingAt: optionalUnderscore(end, text), in: text)
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
