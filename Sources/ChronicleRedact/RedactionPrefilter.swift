/// One pass over a text's UTF-8 bytes that tells which rules may match it, so a rule's regular
/// expression runs only on texts that hold one of its ``RedactionHint`` literals.
///
/// Built from the rules' hints: a table from a byte to the literals that start with it (both
/// ASCII cases for a case-insensitive hint). A rule without a hint (a configured pattern) and a
/// rule past the first 64 always count as possible.
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
    }

    /// The scalars (UTF-8) whose case mappings or folding contain an ASCII letter.
    static let asciiFoldingScalars: [[UInt8]] = [
        0x00DF, 0x0130, 0x0131, 0x0149, 0x017F, 0x01F0, 0x1E96, 0x1E97, 0x1E98, 0x1E99, 0x1E9A, 0x1E9E, 0x212A,
        0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04, 0xFB05, 0xFB06,
    ].map { (value: UInt32) -> [UInt8] in
        guard let scalar = Unicode.Scalar(value) else { return [] }
        return Array(String(Character(scalar)).utf8)
    }

    private let byFirstByte: [[Candidate]]
    /// Rules that are always tried (no hint), as bits.
    private let always: UInt64
    /// Case-insensitive hinted rules, as bits.
    private let folding: UInt64
    /// Every hinted rule, as bits: the scan stops once all are possible.
    private let hinted: UInt64
    /// Per byte: 0 nothing to check, 1 some literal starts with it, 2 it leads one of
    /// ``asciiFoldingScalars`` (only while case-insensitive rules exist).
    private let byteClass: [UInt8]

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
                let candidate = Candidate(literal: literal, rule: bit, caseInsensitive: hint.caseInsensitive)
                let first = literal[0]
                table[Int(first)].append(candidate)
                if hint.caseInsensitive {
                    let other = Self.otherCase(first)
                    if other != first { table[Int(other)].append(candidate) }
                }
            }
        }
        var classes = [UInt8](repeating: 0, count: 256)
        for b in 0..<256 where !table[b].isEmpty { classes[b] = 1 }
        if folding != 0 {
            for scalar in Self.asciiFoldingScalars where !scalar.isEmpty { classes[Int(scalar[0])] = 2 }
        }
        byFirstByte = table
        self.always = always
        self.folding = folding
        self.hinted = hinted
        byteClass = classes
    }

    /// The rules that may match `text`.
    func possibleRules(_ text: UnsafeBufferPointer<UInt8>) -> RuleMask {
        var found: UInt64 = 0
        let n = text.count
        byteClass.withUnsafeBufferPointer { classes in
            var i = 0
            while i < n, found != hinted {
                let cls = classes[Int(text[i])]
                if cls == 1 {
                    for c in byFirstByte[Int(text[i])] where found & c.rule == 0 && Self.matches(c, text, at: i) { found |= c.rule }
                } else if cls == 2, Self.startsWithFoldingScalar(text, at: i) {
                    found |= folding
                }
                i += 1
            }
        }
        return RuleMask(bits: found | always)
    }

    private static func matches(_ c: Candidate, _ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let m = c.literal.count
        guard i + m <= text.count else { return false }
        var k = 1
        if c.caseInsensitive {
            while k < m, text[i + k] | 0x20 == c.literal[k] | 0x20, isLetter(c.literal[k]) || text[i + k] == c.literal[k] { k += 1 }
        } else {
            while k < m, text[i + k] == c.literal[k] { k += 1 }
        }
        return k == m
    }

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
