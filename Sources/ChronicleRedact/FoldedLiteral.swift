/// An ASCII literal of a case-insensitive rule matched as ICU matches it: ICU compares the
/// text's full case folding with the literal's, and fails a match that would end inside one
/// character's folding. The characters whose full folding is all ASCII are the ASCII letters
/// and 11 others (`ſ`→`s`, `K`→`k`, `ß` and `ẞ`→`ss`, the ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ`); any other
/// non-ASCII character folds to something holding a non-ASCII character, which no ASCII literal
/// matches. So `acceß` matches `access` and `ſecret` matches `secret`.
struct FoldedLiteral: Sendable {
    let folded: [UInt8]

    init(_ literal: String) { folded = Array(literal.lowercased().utf8) }

    /// The non-ASCII characters (UTF-8) whose full case folding is all ASCII, with that folding.
    static let asciiFoldings: [(bytes: [UInt8], folding: [UInt8])] = [
        (0x017F, "s"), (0x212A, "k"), (0x00DF, "ss"), (0x1E9E, "ss"),
        (0xFB00, "ff"), (0xFB01, "fi"), (0xFB02, "fl"), (0xFB03, "ffi"), (0xFB04, "ffl"), (0xFB05, "st"), (0xFB06, "st"),
    ].map { (value: UInt32, folding: String) in
        let bytes = Unicode.Scalar(value).map { Array(String(Character($0)).utf8) } ?? []
        return (bytes, Array(folding.utf8))
    }

    /// Where the literal starting at `i` ends, if it matches there.
    func end(matchingAt i: Int, in text: UTF8Text) -> Int? {
        var j = 0
        var k = i
        while j < folded.count {
            guard k < text.count else { return nil }
            let b = text[k]
            if b < 0x80 {
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                guard lower == folded[j] else { return nil }
                j += 1
                k += 1
                continue
            }
            guard let folding = Self.folding(at: k, in: text), j + folding.folding.count <= folded.count else { return nil }
            for f in folding.folding {
                guard folded[j] == f else { return nil }
                j += 1
            }
            k += folding.length
        }
        return k
    }

    private static func folding(at i: Int, in text: UTF8Text) -> (folding: [UInt8], length: Int)? {
        for entry in asciiFoldings where text.hasLiteral(entry.bytes, at: i) { return (entry.folding, entry.bytes.count) }
        return nil
    }
}
