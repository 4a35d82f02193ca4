/// `[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}` without backtracking.
///
/// The local part cannot hold `@`, so a match's `@` is the first one (from where the search
/// stands) whose domain matches, and the match starts where the run of local-part characters
/// before it starts (or where the search stands). The expression tried every start in that run
/// and read the domain from each: quadratic on a long run before an `@` with no domain.
///
/// The domain is labels `[A-Za-z0-9\-]+` joined by single dots; every label is taken whole and
/// the expression backtracks to the last label (after the first) that starts with two letters,
/// ending after those letters: `a@b.co1` matches `a@b.co`.
struct EmailScanner: BuiltinRuleScanner {
    private static let local = ASCIIByteClass("._%+-", ranges: ["AZ", "az", "09"])
    private static let label = ASCIIByteClass("-", ranges: ["AZ", "az", "09"])

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var searchStart = 0
        var at = 0
        while true {
            at = text.firstIndex(of: UInt8(ascii: "@"), from: at)
            guard at < text.count else { break }
            var start = at
            while start > searchStart, Self.local.contains(text[start - 1]) { start -= 1 }
            if start < at, let end = Self.domainEnd(after: at, in: text) {
                found.append(start..<end)
                searchStart = end
                at = end
            } else {
                at += 1
            }
        }
        return found
    }

    /// Where `[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}` after the `@` at `at` ends.
    private static func domainEnd(after at: Int, in text: UTF8Text) -> Int? {
        var labelEnd = text.endOfRun(label, from: at + 1)
        guard labelEnd > at + 1 else { return nil }
        var end: Int?
        while text.byte(at: labelEnd) == UInt8(ascii: ".") {
            let labelStart = labelEnd + 1
            let next = text.endOfRun(label, from: labelStart)
            guard next > labelStart else { break }
            let letters = text.endOfRun(ASCIIByteClass.letters, from: labelStart)
            if letters - labelStart >= 2 { end = letters }
            labelEnd = next
        }
        return end
    }
}
