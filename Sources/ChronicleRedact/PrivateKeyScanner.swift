/// `-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----`
/// without backtracking.
///
/// A header (and a footer) has one possible end: its words `[A-Z0-9]+ ` run until a word is not
/// followed by a space, and since `KEY-----` is not such a word, `PRIVATE KEY-----` can only
/// start at the last word of the run. The lazy body ends at the first footer at or after the
/// header's end; footers are searched forward only, and once none is left no header can match,
/// so the scan is linear however many headers lack an end (the expression read to the text's
/// end from every one of them).
struct PrivateKeyScanner: BuiltinRuleScanner {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let end = Array("-----END ".utf8)
    private static let tail = Array("PRIVATE KEY-----".utf8)
    private static let wordCharacters = ASCIIByteClass(ranges: ["AZ", "09"])

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var footers = FooterSearch()
        var i = 0
        while true {
            i = text.firstIndex(of: UInt8(ascii: "-"), from: i)
            guard i < text.count else { break }
            if text.hasLiteral(Self.begin, at: i), let headerEnd = Self.delimiterEnd(after: i + Self.begin.count, in: text) {
                guard let footer = footers.first(atOrAfter: headerEnd, in: text) else { break }
                found.append(i..<footer.upperBound)
                i = footer.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// Where `(?:[A-Z0-9]+ )*PRIVATE KEY-----` starting at `i` ends, if it matches.
    static func delimiterEnd(after i: Int, in text: UTF8Text) -> Int? {
        var wordStart = i
        var lastWordStart: Int?
        while true {
            let wordEnd = text.endOfRun(wordCharacters, from: wordStart)
            guard wordEnd > wordStart, text.byte(at: wordEnd) == UInt8(ascii: " ") else { break }
            lastWordStart = wordStart
            wordStart = wordEnd + 1
        }
        guard let start = lastWordStart, text.hasLiteral(tail, at: start) else { return nil }
        return start + tail.count
    }

    /// The first footer starting at or after a position; positions only grow, and what was
    /// searched is not searched again.
    private struct FooterSearch {
        private var searchedFrom = -1
        private var next: Range<Int>?
        private var exhausted = false

        mutating func first(atOrAfter position: Int, in text: UTF8Text) -> Range<Int>? {
            if let next, next.lowerBound >= position { return next }
            if exhausted, searchedFrom <= position { return nil }
            var i = position
            while true {
                i = text.firstIndex(of: UInt8(ascii: "-"), from: i)
                guard i < text.count else {
                    searchedFrom = position
                    exhausted = true
                    next = nil
                    return nil
                }
                if text.hasLiteral(PrivateKeyScanner.end, at: i), let end = PrivateKeyScanner.delimiterEnd(after: i + PrivateKeyScanner.end.count, in: text) {
                    searchedFrom = position
                    next = i..<end
                    return next
                }
                i += 1
            }
        }
    }
}
