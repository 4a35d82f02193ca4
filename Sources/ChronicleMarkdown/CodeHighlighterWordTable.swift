extension CodeHighlighter {
    /// A language's keywords and literals, looked up by an identifier's ``PackedWord`` in one
    /// probe of an open-addressed table with a multiplicative hash: the lexer asks for every
    /// identifier of every code block, and two `Set` lookups (SipHash each) cost it a fifth of
    /// its time. A word that is both a keyword and a literal is a keyword, as the lexer asked
    /// for keywords first.
    struct WordTable: Sendable {
        private let words: [PackedWord]
        /// `true` where the word is a keyword, `false` a literal; only read where `words` holds one.
        private let isKeyword: [Bool]
        private let shift: UInt64
        let isEmpty: Bool

        init(keywords: Set<PackedWord>, literals: Set<PackedWord>) {
            let count = keywords.count + literals.subtracting(keywords).count
            var bits: UInt64 = 3
            while (1 << bits) < count * 4 { bits += 1 }
            let size = 1 << Int(bits)
            shift = 64 - bits
            var words = [PackedWord](repeating: PackedWord.empty, count: size)
            var isKeyword = [Bool](repeating: false, count: size)
            func insert(_ word: PackedWord, keyword: Bool) {
                var slot = Self.slot(word, shift: 64 - bits)
                while !words[slot].isEmpty {
                    if words[slot] == word { return }
                    slot = (slot + 1) & (size - 1)
                }
                words[slot] = word
                isKeyword[slot] = keyword
            }
            for word in keywords { insert(word, keyword: true) }
            for word in literals { insert(word, keyword: false) }
            self.words = words
            self.isKeyword = isKeyword
            isEmpty = count == 0
        }

        @inline(__always)
        private static func slot(_ word: PackedWord, shift: UInt64) -> Int {
            let mixed = word.low &* 0x9E37_79B9_7F4A_7C15 ^ (word.high &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
            return Int(truncatingIfNeeded: mixed >> shift)
        }

        /// `.keyword`, `.literal`, or nil when `word` is neither.
        func kind(of word: PackedWord) -> Kind? {
            guard !isEmpty, !word.isEmpty else { return nil }
            let mask = words.count - 1
            var slot = Self.slot(word, shift: shift)
            while true {
                let stored = words[slot]
                if stored.isEmpty { return nil }
                if stored == word { return isKeyword[slot] ? .keyword : .literal }
                slot = (slot + 1) & mask
            }
        }
    }
}

extension CodeHighlighter.PackedWord {
    /// No identifier packs to this (an identifier has at least one byte, and no byte is 0).
    static let empty = CodeHighlighter.PackedWord(low: 0, high: 0)

    var isEmpty: Bool { low == 0 && high == 0 }
}
