internal import ChronicleByteWords

/// Character-level cleaning and escaping shared by the text and attribute escapers.
///
/// Dropped: C0 controls except `\t` and `\n`, DEL, C1 controls and Unicode noncharacters.
/// `\r\n` and lone `\r` become `\n`; U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR
/// become `\n` too (they are line breaks to a reader, and JavaScript-hostile when raw).
///
/// Works on UTF-8 bytes: a mask of each eight-byte word (``lookMask(_:_:)``) finds the few bytes
/// that need attention, and the runs between them are copied whole. A string that needs no
/// change is returned as is.
enum HTMLCharacterFilter {
    /// How markup-significant characters are treated.
    enum Mode {
        /// Only clean; no escaping.
        case clean
        /// Escape for a text node (`&`, `<`, `>`, `"`).
        case text
        /// Escape for a double-quoted attribute value (`&`, `<`, `>`, `"`, `'`).
        case attribute
    }

    /// Returns `true` for scalars that are dropped outright.
    static func isDropped(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if v >= 0x7F && v <= 0x9F { return true }
        if v >= 0xFDD0 && v <= 0xFDEF { return true }
        if v & 0xFFFE == 0xFFFE { return true }
        return false
    }

    /// Byte classes: 0 = copied as is; 1 = dropped control; 2 = `\r`; 3 = `&`; 4 = `<`;
    /// 5 = `>`; 6 = `"`; 7 = `'`; 8 = lead byte of a sequence that may be dropped or replaced
    /// (0xC2: C1 controls; 0xE2: U+2028/2029; 0xEF: U+FDD0–FDEF, U+FFFE/FFFF; 0xF0–0xF4:
    /// supplementary noncharacters). A switch, not a table in a global: only the bytes the mask
    /// picks out (and the last few of a text) are classed, and a global would be initialised
    /// and checked on every call.
    @inline(__always) static func byteClass(_ b: UInt8, _ mode: Mode) -> UInt8 {
        let cls: UInt8
        switch b {
        case 0x09, 0x0A: cls = 0
        case 0x0D: cls = 2
        case 0x00...0x1F, 0x7F: cls = 1
        case 0x26: cls = 3
        case 0x3C: cls = 4
        case 0x3E: cls = 5
        case 0x22: cls = 6
        case 0x27: cls = 7
        case 0xC2, 0xE2, 0xEF, 0xF0...0xF4: cls = 8
        default: cls = 0
        }
        // The markup characters by mode: none when cleaning, `'` only in attributes.
        if cls >= 3 && cls <= 7 {
            if mode == .clean || (cls == 7 && mode == .text) { return 0 }
        }
        return cls
    }

    /// Cleans (and, depending on `mode`, escapes) `s`.
    static func process(_ s: String, mode: Mode) -> String {
        var s = s
        let result: [UInt8]? = s.withUTF8 { process($0, mode: mode) }
        guard let result else { return s }
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `s` cleaned (and, depending on `mode`, escaped) to `out`.
    static func append(_ s: String, mode: Mode, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { append($0, mode: mode, to: &out) }
    }

    /// The processed bytes, or `nil` when `bytes` need no change.
    static func process(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode) -> [UInt8]? {
        guard let first = bytes.firstIndex(where: { byteClass($0, mode) != 0 }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8 + 16)
        if append(bytes, from: first, mode: mode, to: &out) { return out }
        return nil
    }

    /// Appends `bytes` cleaned (and, depending on `mode`, escaped) to `out`, without a copy in
    /// between.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, mode: Mode, to out: inout [UInt8]) {
        _ = append(bytes, from: 0, mode: mode, to: &out)
    }

    /// The high bit of each byte of `word` whose ``byteClass(_:_:)`` in `mode` is not 0: a
    /// control other than tab and line feed, DEL, a character the mode escapes, or a lead byte
    /// of a sequence that may change (0xC2, 0xE2, 0xEF, 0xF0–0xF4; in valid UTF-8 no byte is
    /// 0xF5–0xF7, so testing 0xF0–0xF7 is exact). Exact, so the loop goes straight from one such
    /// byte to the next.
    @inline(__always) static func lookMask(_ word: UInt64, _ mode: Mode) -> UInt64 {
        // ASCII tests on the low seven bits, kept only where the byte is ASCII.
        let low = word & ~ByteWords.highs
        var flags = ByteWords.lanesBelow0x20(inASCII: low)
            & ~ByteWords.lanes(equalTo: 0x0A, inASCII: low) & ~ByteWords.lanes(equalTo: 0x09, inASCII: low)
        flags |= ByteWords.lanes(equalTo: 0x7F, inASCII: low)
        if mode != .clean {
            flags |= ByteWords.lanes(equalTo: 0x26, inASCII: low) | ByteWords.lanes(equalTo: 0x3C, inASCII: low)
                | ByteWords.lanes(equalTo: 0x3E, inASCII: low) | ByteWords.lanes(equalTo: 0x22, inASCII: low)
            if mode == .attribute { flags |= ByteWords.lanes(equalTo: 0x27, inASCII: low) }
        }
        flags &= ~word
        guard word & ByteWords.highs != 0 else { return flags }
        return flags | ByteWords.lanes(equalTo: 0xC2, in: word) | ByteWords.lanes(equalTo: 0xE2, in: word)
            | ByteWords.lanes(equalTo: 0xEF, in: word) | ByteWords.lanes(equalTo: 0xF0, in: word & (ByteWords.highs | 0x7878_7878_7878_7878))
    }

    /// Appends `bytes` processed as `mode` says to `out`; the bytes before
    /// `from` need no change. Returns whether anything was changed. The text is read a word at a
    /// time, going straight to the next byte that needs a look (``lookMask(_:_:)``: no byte loop,
    /// no branch per byte). The runs and replacements are put together in a ``ByteStage`` and
    /// reach `out` a kilobyte at a time.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, mode: Mode, to out: inout [UInt8]) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return ByteStage.with(appendingTo: &out) { stage, out -> Bool in
            let n = bytes.count
            var changed = false
            var runStart = 0
            var i = from

            // Puts the pending run [runStart, end) on the stage.
            func flush(_ end: Int) {
                changed = true
                if end > runStart { stage.append(base + runStart, count: end - runStart, to: &out) }
            }

            while i < n {
                if i + 8 <= n {
                    // Straight to the first byte that needs a look, if any; the word after it is
                    // loaded from wherever that byte's handling ends. The last bytes short of a
                    // word are looked at one at a time.
                    let look = lookMask(ByteWords.load(base, at: i), mode)
                    if look == 0 {
                        i += 8
                        continue
                    }
                    i += look.trailingZeroBitCount >> 3
                }
                let b = base[i]
                let cls = byteClass(b, mode)
                if cls == 0 {
                    i += 1
                    continue
                }
                switch cls {
                case 1:
                    flush(i)
                    i += 1
                    runStart = i
                case 2:
                    flush(i)
                    stage.append(0x0A, to: &out)
                    i += 1
                    if i < n && base[i] == 0x0A { i += 1 }
                    runStart = i
                case 3, 4, 5, 6, 7:
                    flush(i)
                    // Each reference as one little-endian word: `&amp;` is 26 61 6D 70 3B.
                    switch cls {
                    case 3: stage.append(word: 0x3B_70_6D_61_26, count: 5, to: &out)  // &amp;
                    case 4: stage.append(word: 0x3B_74_6C_26, count: 4, to: &out)  // &lt;
                    case 5: stage.append(word: 0x3B_74_67_26, count: 4, to: &out)  // &gt;
                    case 6: stage.append(word: 0x3B_74_6F_75_71_26, count: 6, to: &out)  // &quot;
                    default: stage.append(word: 0x3B_39_33_23_26, count: 5, to: &out)  // &#39;
                    }
                    i += 1
                    runStart = i
                default:
                    // A multi-byte lead: decide from the whole sequence (valid UTF-8).
                    let length = b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4)
                    guard i + length <= n else {
                        i += 1
                        continue
                    }
                    var value = UInt32(b) & (b < 0xE0 ? 0x1F : (b < 0xF0 ? 0x0F : 0x07))
                    for k in 1..<length { value = value << 6 | UInt32(base[i + k] & 0x3F) }
                    if value == 0x2028 || value == 0x2029 {
                        flush(i)
                        stage.append(0x0A, to: &out)
                        i += length
                        runStart = i
                    } else if isDropped(value) {
                        flush(i)
                        i += length
                        runStart = i
                    } else {
                        i += length
                    }
                }
            }
            if n > runStart { stage.append(base + runStart, count: n - runStart, to: &out) }
            return changed
        }
    }
}
