/// A built-in rule as a scanner over UTF-8 bytes: it finds exactly the matches the rule's
/// regular expression finds with `NSRegularExpression` (leftmost, non-overlapping, scanning
/// forward, each search starting where the last match ended), in time linear in the text.
protocol BuiltinRuleScanner: Sendable {
    /// The byte ranges to replace, in order: the whole match, or group 1 where the rule's
    /// expression has one.
    func replacementRanges(in text: UTF8Text) -> [Range<Int>]
}

/// The end of a run of one byte class, remembered for the next candidate: candidates inside the
/// same run (such as `sk-ant-sk-ant-…`, where `-` ends a word) share its end, so no run is read
/// twice and a scan stays linear.
struct RunEndCache {
    private var start = 0
    private var end = -1

    mutating func endOfRun(_ characterClass: ASCIIByteClass, from i: Int, in text: UTF8Text) -> Int {
        if i >= start, i <= end { return end }
        start = i
        end = text.endOfRun(characterClass, from: i)
        return end
    }
}
