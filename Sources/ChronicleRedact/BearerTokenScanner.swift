/// `(?i)\bbearer\s+([A-Za-z0-9\-._~+/]{8,}=*)` without backtracking; group 1 is replaced.
///
/// Ignoring case, only ASCII letters match the letters of `bearer` (no other character's case
/// folding is one of `b`, `e`, `a`, `r`), while the token class also holds `ſ` and the Kelvin
/// sign (see ``CaseInsensitiveASCIIClass``). `\s+` is Unicode whitespace. The token run and the
/// `=` run are taken whole: `=` is not a token character and nothing follows.
struct BearerTokenScanner: BuiltinRuleScanner {
    private static let keyword = Array("bearer".utf8)
    private static let token = CaseInsensitiveASCIIClass(ascii: ASCIIByteClass("-._~+/", ranges: ["AZ", "az", "09"]))
    private static let equals = ASCIIByteClass("=")

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            guard b | 0x20 == UInt8(ascii: "b"), let group = token(at: i, in: text) else {
                i += 1
                continue
            }
            found.append(group)
            i = group.upperBound
        }
        return found
    }

    private func token(at p: Int, in text: UTF8Text) -> Range<Int>? {
        guard text.hasLiteralIgnoringASCIICase(Self.keyword, at: p), text.isWordBoundary(beforeWordCharacterAt: p) else { return nil }
        let spaceStart = p + Self.keyword.count
        let tokenStart = text.endOfWhitespace(from: spaceStart)
        guard tokenStart > spaceStart else { return nil }
        let (tokenEnd, characters) = Self.token.run(from: tokenStart, in: text)
        guard characters >= 8 else { return nil }
        return tokenStart..<text.endOfRun(Self.equals, from: tokenEnd)
    }
}
