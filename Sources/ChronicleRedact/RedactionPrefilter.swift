/// One pass over a text's UTF-8 bytes that tells which rules may match it, so a rule (a built-in
/// rule's scanner, a configured pattern's expression) runs only on texts that hold one of its
/// ``RedactionHint`` literals.
///
/// Built from the rules' hints. Each literal is looked for by its *anchor*, the pair of adjacent
/// bytes in it that English prose and code hold least often (`k-` of `sk-`, `yJ` of `eyJ`, `cr`
/// of `secret`): a table from a pair to whether some literal's anchor is that pair finds the
/// places to look, and a table from a byte to the literals whose anchor starts with it (both
/// ASCII cases for a case-insensitive hint) confirms the whole literal around it. A rule
/// without a hint (a configured pattern with no safe literal prefix, see
/// ``ConfiguredPatternPrefix``) and a rule past the first 64 always count as possible.
///
/// Case-insensitive rules: a regular expression ignoring case also matches a literal's letters
/// through the 20 non-ASCII characters whose case mappings or folding contain ASCII letters
/// (`ß`, `İ`, `ı`, `ŉ`, `ſ`, `ǰ`, U+1E96–U+1E9A, `ẞ`, the Kelvin sign, the ligatures U+FB00–U+FB06;
/// the list is checked against Python's Unicode tables by a test). A text holding any of them
/// counts as possible for every case-insensitive rule; otherwise those rules' literals are
/// searched ignoring ASCII case.
struct RedactionPrefilter: Sendable {
    /// Rules as bits: bit `i` is rule `i`.
    struct RuleMask: Sendable, Equatable {
        var bits: UInt64
        func contains(_ index: Int) -> Bool { index >= 64 || bits & (1 << UInt64(index)) != 0 }
    }

    private struct Candidate: Sendable {
        let literal: [UInt8]
        let rule: UInt64
        let caseInsensitive: Bool
        /// Where in `literal` its anchor pair starts (0 for a literal of one byte).
        let anchor: Int
    }

    /// The scalars (UTF-8) whose case mappings or folding contain an ASCII letter.
    static let asciiFoldingScalars: [[UInt8]] = [
        0x00DF, 0x0130, 0x0131, 0x0149, 0x017F, 0x01F0, 0x1E96, 0x1E97, 0x1E98, 0x1E99, 0x1E9A, 0x1E9E, 0x212A,
        0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04, 0xFB05, 0xFB06,
    ].map { (value: UInt32) -> [UInt8] in
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return Array(String(Character(scalar)).utf8)
    }

    /// The literals by the first byte of their anchor.
    private let byAnchorByte: [[Candidate]]
    /// Rules that are always tried (no hint), as bits.
    private let always: UInt64
    /// Case-insensitive hinted rules, as bits.
    private let folding: UInt64
    /// Every hinted rule, as bits: the scan stops once all are possible.
    private let hinted: UInt64
    /// A byte per pair of adjacent bytes (64 KiB, indexed by `first << 8 | second`): 1 when it
    /// is a literal's anchor (in either ASCII case for a case-insensitive hint), when one of
    /// ``asciiFoldingScalars`` (while case-insensitive rules exist) starts with it, or, for a
    /// one-byte literal, when it starts with its byte. Bytes, not bits: the scan ORs eight
    /// lookups with no shift or mask and branches once per eight positions (1.6 times the bit
    /// table's speed on English text).
    private let pairs: [UInt8]
    /// Literals of one byte: checked at the text's last byte, which has no pair.
    private let singleBytes: [Bool]

    init(rules: [RedactionRule]) {
        var table = [[Candidate]](repeating: [], count: 256)
        var always: UInt64 = 0
        var folding: UInt64 = 0
        var hinted: UInt64 = 0
        for (index, rule) in rules.enumerated() where index < 64 {
            let bit: UInt64 = 1 << UInt64(index)
            guard let hint = rule.hint, !hint.literals.contains(where: \.isEmpty) else {
                always |= bit
                continue
            }
            hinted |= bit
            if hint.caseInsensitive { folding |= bit }
            for literal in hint.literals {
                let anchor = Self.anchor(of: literal, caseInsensitive: hint.caseInsensitive)
                let candidate = Candidate(literal: literal, rule: bit, caseInsensitive: hint.caseInsensitive, anchor: anchor)
                let first = literal[anchor]
                table[Int(first)].append(candidate)
                if hint.caseInsensitive {
                    let other = Self.otherCase(first)
                    if other != first { table[Int(other)].append(candidate) }
                }
            }
        }
        var pairs = [UInt8](repeating: 0, count: 1 << 16)
        var singles = [Bool](repeating: false, count: 256)
        func mark(_ a: UInt8, _ b: UInt8) {
            pairs[Int(a) << 8 | Int(b)] = 1
        }
        func cases(_ b: UInt8, _ caseInsensitive: Bool) -> [UInt8] {
            caseInsensitive && Self.isLetter(b) ? [b, Self.otherCase(b)] : [b]
        }
        for candidates in table {
            for c in candidates {
                for a in cases(c.literal[c.anchor], c.caseInsensitive) {
                    if c.literal.count == 1 {
                        singles[Int(a)] = true
                        for b in 0...255 { mark(a, UInt8(b)) }
                    } else {
                        for b in cases(c.literal[c.anchor + 1], c.caseInsensitive) { mark(a, b) }
                    }
                }
            }
        }
        if folding != 0 {
            for scalar in Self.asciiFoldingScalars where scalar.count >= 2 { mark(scalar[0], scalar[1]) }
        }
        byAnchorByte = table
        self.always = always
        self.folding = folding
        self.hinted = hinted
        self.pairs = pairs
        singleBytes = singles
    }

    /// The rules that may match `text`.
    func possibleRules(_ text: UnsafeBufferPointer<UInt8>) -> RuleMask {
        var found: UInt64 = 0
        let n = text.count
        guard n > 0, let base = text.baseAddress else { return RuleMask(bits: always) }
        pairs.withUnsafeBufferPointer { pairs in
            guard let table = pairs.baseAddress else { return }
            var i = 0
            // Eight pair positions at a time (they read bytes i...i + 8), one branch for all.
            while i + 8 < n, found != hinted {
                var any: UInt8 = 0
                for k in 0..<8 { any |= table[Int(base[i + k]) << 8 | Int(base[i + k + 1])] }
                if any != 0 {
                    for k in 0..<8 where table[Int(base[i + k]) << 8 | Int(base[i + k + 1])] != 0 {
                        found |= check(text, at: i + k)
                    }
                }
                i += 8
            }
            while i < n - 1, found != hinted {
                if table[Int(base[i]) << 8 | Int(base[i + 1])] != 0 { found |= check(text, at: i) }
                i += 1
            }
            if found != hinted, singleBytes[Int(base[n - 1])] { found |= check(text, at: n - 1) }
        }
        return RuleMask(bits: found | always)
    }

    /// The rules a literal whose anchor starts at `i` (or a folding scalar starting there) makes
    /// possible.
    private func check(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        var found: UInt64 = 0
        let b = text[i]
        if b >= 0x80 {
            if folding != 0, Self.startsWithFoldingScalar(text, at: i) { found |= folding }
        } else {
            for c in byAnchorByte[Int(b)] where i >= c.anchor && Self.matches(c, text, at: i - c.anchor) { found |= c.rule }
        }
        return found
    }

    private static func matches(_ c: Candidate, _ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let m = c.literal.count
        guard i + m <= text.count else { return false }
        var k = 0
        if c.caseInsensitive {
            while k < m, text[i + k] | 0x20 == c.literal[k] | 0x20, isLetter(c.literal[k]) || text[i + k] == c.literal[k] { k += 1 }
        } else {
            while k < m, text[i + k] == c.literal[k] { k += 1 }
        }
        return k == m
    }

    /// Where the anchor of `literal` starts: the adjacent pair with the lowest product of
    /// ``commonness(_:)`` (both cases counted for a case-insensitive literal), the first of equals.
    static func anchor(of literal: [UInt8], caseInsensitive: Bool) -> Int {
        guard literal.count >= 2 else { return 0 }
        func weight(_ b: UInt8) -> Int {
            caseInsensitive && isLetter(b) ? commonness(b | 0x20) + commonness(b & ~0x20) : commonness(b)
        }
        var best = 0
        var bestScore = Int.max
        for k in 0..<(literal.count - 1) {
            let score = weight(literal[k]) * weight(literal[k + 1])
            if score < bestScore {
                best = k
                bestScore = score
            }
        }
        return best
    }

    /// How often a byte turns up in English prose and code, roughly, in tenths of a percent:
    /// English letter frequencies for lower case, a tenth of them for capitals.
    static func commonness(_ b: UInt8) -> Int {
        switch b {
        case 0x61...0x7A: letterCommonness[Int(b - 0x61)]
        case 0x41...0x5A: max(1, letterCommonness[Int(b - 0x41)] / 10)
        case 0x20: 150
        case 0x0A, 0x2E, 0x2C: 10
        case 0x30...0x39, 0x2D, 0x5F, 0x22, 0x28, 0x29, 0x3D, 0x2F, 0x3A: 5
        default: 2
        }
    }

    /// a…z: English letter frequencies in tenths of a percent.
    private static let letterCommonness: [Int] = [
        82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24, 2, 20, 1,
    ]

    private static func startsWithFoldingScalar(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        for scalar in asciiFoldingScalars where i + scalar.count <= text.count {
            var k = 0
            while k < scalar.count, text[i + k] == scalar[k] { k += 1 }
            if k == scalar.count { return true }
        }
        return false
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func otherCase(_ b: UInt8) -> UInt8 { isLetter(b) ? b ^ 0x20 : b }
}
