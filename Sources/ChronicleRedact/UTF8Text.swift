import Foundation

/// A text's UTF-8 bytes as the byte scanners read them: a byte at a time, or a scalar at a
/// time where a rule depends on non-ASCII characters. The bytes are those of a Swift `String`,
/// so they are valid UTF-8; positions are byte offsets at scalar boundaries.
struct UTF8Text {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    subscript(_ i: Int) -> UInt8 { bytes[i] }

    /// The byte at `i`, or nil past the end.
    @inline(__always)
    func byte(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    /// The scalar starting at `i` and the number of bytes it takes.
    func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        func next(_ k: Int) -> UInt32 { i + k < bytes.count ? UInt32(bytes[i + k] & 0x3F) : 0 }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | next(1), 2) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | next(1) << 6 | next(2), 3) }
        return ((b0 & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
    }

    /// Where the scalar ending just before `i` starts.
    func scalarStart(before i: Int) -> Int {
        var s = i - 1
        while s > 0, bytes[s] & 0xC0 == 0x80 { s -= 1 }
        return s
    }

    /// Whether the bytes at `i` are `literal` (exactly).
    func hasLiteral(_ literal: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + literal.count <= bytes.count else { return false }
        var k = 0
        while k < literal.count, bytes[i + k] == literal[k] { k += 1 }
        return k == literal.count
    }

    /// Whether the bytes at `i` are `literal` ignoring ASCII case (`literal` in lower case).
    func hasLiteralIgnoringASCIICase(_ lowercased: [UInt8], at i: Int) -> Bool {
        guard i >= 0, i + lowercased.count <= bytes.count else { return false }
        var k = 0
        while k < lowercased.count {
            let b = bytes[i + k]
            let folded = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            guard folded == lowercased[k] else { return false }
            k += 1
        }
        return true
    }

    /// ICU's `\b` at `i`, where the character at `i` is an ASCII word character: whether the last
    /// character before `i` that is neither `Grapheme_Extend` nor `Cf` is not a word character
    /// (or there is none).
    func isWordBoundary(beforeWordCharacterAt i: Int) -> Bool {
        var end = i
        while end > 0 {
            let b = bytes[end - 1]
            if b < 0x80 { return !ASCIIByteClass.word.contains(b) }
            let start = scalarStart(before: end)
            let value = scalar(at: start).value
            if !UnicodeCharacterClasses.isTransparentToBoundary(value) { return !UnicodeCharacterClasses.isWord(value) }
            end = start
        }
        return true
    }

    /// ICU's `\b` at `i`, where the character before `i` is an ASCII word character.
    func isWordBoundary(afterWordCharacterBefore i: Int) -> Bool {
        guard i < bytes.count else { return true }
        let b = bytes[i]
        if b < 0x80 { return !ASCIIByteClass.word.contains(b) }
        let value = scalar(at: i).value
        if UnicodeCharacterClasses.isTransparentToBoundary(value) { return false }
        return !UnicodeCharacterClasses.isWord(value)
    }

    /// The end of the run of `characterClass` bytes starting at `i`.
    @inline(__always)
    func endOfRun(_ characterClass: ASCIIByteClass, from i: Int) -> Int {
        var j = i
        while j < bytes.count, characterClass.contains(bytes[j]) { j += 1 }
        return j
    }

    /// The end of the run of `\s` characters starting at `i`.
    func endOfWhitespace(from i: Int) -> Int {
        var j = i
        while j < bytes.count {
            let b = bytes[j]
            if b < 0x80 {
                guard UnicodeCharacterClasses.isWhitespace(UInt32(b)) else { return j }
                j += 1
            } else {
                let (value, length) = scalar(at: j)
                guard UnicodeCharacterClasses.isWhitespace(value) else { return j }
                j += length
            }
        }
        return j
    }

    /// The next position at or after `i` holding `byte`, or `count`.
    @inline(__always)
    func firstIndex(of byte: UInt8, from i: Int) -> Int {
        guard i < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + i, Int32(byte), bytes.count - i) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
