import Foundation

extension RedactionRule {
    /// The expression's matches in `text`, or nil when matching used more than `limit` of the
    /// thread's CPU time.
    ///
    /// ICU calls back every few thousand steps of its matcher (`.reportProgress`), so a
    /// catastrophic pattern is stopped within about a millisecond of the limit.
    func matches(in text: String, within limit: Duration) -> [NSTextCheckingResult]? {
        let deadline = ThreadCPUTime.now() + limit
        var results: [NSTextCheckingResult] = []
        var exceeded = false
        let length = (text as NSString).length
        expression.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(location: 0, length: length)) { result, _, stop in
            if let result { results.append(result) }
            if ThreadCPUTime.now() >= deadline {
                exceeded = true
                stop.pointee = true
            }
        }
        return exceeded ? nil : results
    }

    /// What a match replaces (UTF-16 offsets): group 1 where the expression has one and it took
    /// part, otherwise the whole match; nil when that is empty.
    func replacementRange(of match: NSTextCheckingResult) -> Range<Int>? {
        var range = match.range
        if match.numberOfRanges > 1 {
            let group = match.range(at: 1)
            if group.location != NSNotFound { range = group }
        }
        guard range.location != NSNotFound, range.length > 0 else { return nil }
        return range.location..<range.location + range.length
    }
}
