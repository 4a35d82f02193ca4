/// The rules that are a word boundary, a literal prefix and a run of token characters:
/// `\b(?:PREFIX)[CLASS]{n,}` (the run taken whole), or `\b(?:PREFIX)[CLASS]{n}` (exactly `n`,
/// optionally followed by `\b`). Anthropic, OpenAI, GitHub, Slack, Google, Stripe and AWS
/// access keys.
///
/// Every prefix character of a rule is itself in its class where the expression has an
/// optional part (OpenAI's `(?:proj-|svcacct-|admin-)?`), so that part never changes where a
/// match ends and the rule is written with the shorter prefix and the same minimum.
struct PrefixedTokenScanner: BuiltinRuleScanner {
    struct Form: Sendable {
        let prefixes: [[UInt8]]
        let body: ASCIIByteClass
        let minimum: Int
        /// `{n}` rather than `{n,}`.
        let exact: Bool

        init(_ prefixes: [String], _ body: ASCIIByteClass, minimum: Int, exact: Bool = false) {
            self.prefixes = prefixes.map { Array($0.utf8) }
            self.body = body
            self.minimum = minimum
            self.exact = exact
        }
    }

    let forms: [Form]
    /// A `\b` after an exact-length body.
    let boundaryAfter: Bool
    private let firstBytes: ASCIIByteClass
    /// The second byte of every prefix, when each has two or more: most places where a first
    /// byte turns up (the `s` of prose for `sk-`) end there, with no call to
    /// ``match(at:in:caches:)``.
    private let secondBytes: ASCIIByteClass?
    /// The first byte of every prefix, when they share one: found with `memchr`.
    private let sharedFirstByte: UInt8?

    init(_ forms: [Form], boundaryAfter: Bool = false) {
        self.forms = forms
        self.boundaryAfter = boundaryAfter
        let firsts = forms.flatMap { $0.prefixes.compactMap(\.first) }
        firstBytes = ASCIIByteClass(String(decoding: firsts, as: UTF8.self))
        let prefixes = forms.flatMap(\.prefixes)
        secondBytes = prefixes.allSatisfy { $0.count >= 2 } ? ASCIIByteClass(String(decoding: prefixes.map { $0[1] }, as: UTF8.self)) : nil
        sharedFirstByte = Set(firsts).count == 1 ? firsts.first : nil
    }

    func replacementRanges(in text: UTF8Text) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var caches = [RunEndCache](repeating: RunEndCache(), count: forms.count)
        var i = 0
        let n = text.count
        while i < n {
            if let sharedFirstByte {
                i = text.firstIndex(of: sharedFirstByte, from: i)
                guard i < n else { break }
            } else if !firstBytes.contains(text[i]) {
                i += 1
                continue
            }
            if let secondBytes, i + 1 >= n || !secondBytes.contains(text[i + 1]) {
                i += 1
                continue
            }
            if let end = match(at: i, in: text, caches: &caches) {
                found.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    private func match(at p: Int, in text: UTF8Text, caches: inout [RunEndCache]) -> Int? {
        var boundaryChecked = false
        for (f, form) in forms.enumerated() {
            for prefix in form.prefixes where text.hasLiteral(prefix, at: p) {
                if !boundaryChecked {
                    guard text.isWordBoundary(beforeWordCharacterAt: p) else { return nil }
                    boundaryChecked = true
                }
                let bodyStart = p + prefix.count
                if form.exact {
                    let end = bodyStart + form.minimum
                    guard end <= text.count else { continue }
                    var k = bodyStart
                    while k < end, form.body.contains(text[k]) { k += 1 }
                    guard k == end else { continue }
                    if boundaryAfter, !text.isWordBoundary(afterWordCharacterBefore: end) { continue }
                    return end
                } else {
                    let end = caches[f].endOfRun(form.body, from: bodyStart, in: text)
                    if end - bodyStart >= form.minimum { return end }
                }
            }
        }
        return nil
    }
}
