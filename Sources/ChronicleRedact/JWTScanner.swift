/// `\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}` without backtracking.
///
/// `.` is not a token character, so each part is the whole run of token characters and the
/// match ends where the third run ends. What follows the first run depends only on where that
/// run ends, so candidates inside one run (`eyJ-eyJ-…`) share one answer.
struct JWTScanner: BuiltinRuleScanner {
    private static let header = Array("eyJ".utf8)
    private static let token = ASCIIByteClass("_-", ranges: ["AZ", "az", "09"])
    private static let dot = UInt8(ascii: ".")

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var run = RunEndCache()
        var memo: (firstRunEnd: Int, end: Int?)?
        var i = 0
        while true {
            i = text.firstIndex(of: UInt8(ascii: "e"), from: i)
            guard i < text.count else { break }
            guard text.hasLiteral(Self.header, at: i), text.isWordBoundary(beforeWordCharacterAt: i) else {
                i += 1
                continue
            }
            let firstRunEnd = run.endOfRun(Self.token, from: i + 3, in: text)
            guard firstRunEnd - (i + 3) >= 5, text.byte(at: firstRunEnd) == Self.dot else {
                i += 1
                continue
            }
            let end: Int?
            if let memo, memo.firstRunEnd == firstRunEnd {
                end = memo.end
            } else {
                end = Self.rest(afterFirstDotAt: firstRunEnd, in: text)
                memo = (firstRunEnd, end)
            }
            if let end {
                found.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// `\.eyJ[…]{5,}\.[…]{5,}` at `dot`: where it ends.
    private static func rest(afterFirstDotAt dot: Int, in text: UTF8Text) -> Int? {
        guard text.hasLiteral(header, at: dot + 1) else { return nil }
        let secondStart = dot + 4
        let secondEnd = text.endOfRun(token, from: secondStart)
        guard secondEnd - secondStart >= 5, text.byte(at: secondEnd) == Self.dot else { return nil }
        let thirdStart = secondEnd + 1
        let thirdEnd = text.endOfRun(token, from: thirdStart)
        guard thirdEnd - thirdStart >= 5 else { return nil }
        return thirdEnd
    }
}
