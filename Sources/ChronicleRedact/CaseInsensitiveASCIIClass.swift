/// An ASCII character class of a case-insensitive rule as ICU applies it: ICU closes a class
/// over case, which adds `ſ` (U+017F, folds to `s`) and the Kelvin sign (U+212A, folds to `k`)
/// to any class holding the letters `s` and `k`. Runs are counted in characters, as the
/// expression counts them.
struct CaseInsensitiveASCIIClass: Sendable {
    let ascii: ASCIIByteClass

    /// The length in bytes of the class member starting at `i`, if one does.
    @inline(__always)
    func memberLength(at i: Int, in text: UTF8Text) -> Int? {
        let b = text[i]
        if b < 0x80 { return ascii.contains(b) ? 1 : nil }
        if b == 0xC5, text.byte(at: i + 1) == 0xBF { return 2 }  // ſ
        if b == 0xE2, text.byte(at: i + 1) == 0x84, text.byte(at: i + 2) == 0xAA { return 3 }  // K
        return nil
    }

    /// The end of the run of members starting at `i` and how many characters it holds, reading
    /// at most `limit` characters.
    func run(from i: Int, in text: UTF8Text, limit: Int = .max) -> (end: Int, characters: Int) {
        var j = i
        var characters = 0
        while j < text.count, characters < limit, let length = memberLength(at: j, in: text) {
            j += length
            characters += 1
        }
        return (j, characters)
    }
}
