internal import ChronicleByteWords

/// A text's UTF-8 bytes with ranges replaced by one marker.
enum ReplacedText {
    /// `bytes` with each of `ranges` (in order, not overlapping, at scalar boundaries) replaced
    /// by `marker`.
    ///
    /// `bytes` are a Swift string's (valid UTF-8) and `marker` a string's too: when every cut
    /// falls on a scalar boundary (no range end is a continuation byte) the result is valid as
    /// built and is not checked again (the check of a whole text cost more than building it);
    /// otherwise it is checked and repaired.
    static func build(_ bytes: UnsafeBufferPointer<UInt8>, replacing ranges: [Range<Int>], with marker: [UInt8]) -> String {
        let removed = ranges.reduce(0) { $0 + $1.count }
        let capacity = bytes.count - removed + ranges.count * marker.count
        func isBoundary(_ i: Int) -> Bool { i >= bytes.count || bytes[i] & 0xC0 != 0x80 }
        guard ranges.allSatisfy({ isBoundary($0.lowerBound) && isBoundary($0.upperBound) }) else {
            return checkedBuild(bytes, replacing: ranges, with: marker, capacity: capacity)
        }
        var out = [UInt8](repeating: 0, count: capacity)
        let written = out.withUnsafeMutableBufferPointer { fill($0, from: bytes, replacing: ranges, with: marker) }
        return out.withUnsafeBufferPointer { ValidatedUTF8.string(UnsafeBufferPointer(rebasing: $0[0..<written])) }
    }

    /// Copies `bytes` into `out` with `ranges` replaced; returns the bytes written.
    private static func fill(_ out: UnsafeMutableBufferPointer<UInt8>, from bytes: UnsafeBufferPointer<UInt8>, replacing ranges: [Range<Int>], with marker: [UInt8]) -> Int {
        marker.withUnsafeBufferPointer { marker in
            var written = 0
            func append(_ source: UnsafeBufferPointer<UInt8>) {
                _ = UnsafeMutableBufferPointer(rebasing: out[written..<written + source.count]).update(fromContentsOf: source)
                written += source.count
            }
            var copied = 0
            for range in ranges {
                append(UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
                append(marker)
                copied = range.upperBound
            }
            append(UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return written
        }
    }

    private static func checkedBuild(_ bytes: UnsafeBufferPointer<UInt8>, replacing ranges: [Range<Int>], with marker: [UInt8], capacity: Int) -> String {
        String(unsafeUninitializedCapacity: capacity) { fill($0, from: bytes, replacing: ranges, with: marker) }
    }
}

extension ReplacedText {
    /// `text` with each of `ranges` (UTF-16 offsets, in order, not overlapping) replaced by
    /// `marker`: how an expression's matches are applied.
    ///
    /// Not `NSMutableString.replaceCharacters`: on Linux it moves a range's ends to the nearest
    /// grapheme-cluster boundary, so a match ending before a combining mark, a variation
    /// selector, a zero-width joiner or an emoji modifier left its last character in the text
    /// (`sk-ant-…h🏻` became `[REDACTED:anthropic-key]h🏻`).
    static func build(_ text: String, replacingUTF16 ranges: [Range<Int>], with marker: String) -> String {
        let units = Array(text.utf16)
        let markerUnits = Array(marker.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count + ranges.count * markerUnits.count)
        var copied = 0
        for range in ranges where range.lowerBound >= copied && range.upperBound <= units.count {
            out.append(contentsOf: units[copied..<range.lowerBound])
            out.append(contentsOf: markerUnits)
            copied = range.upperBound
        }
        out.append(contentsOf: units[copied...])
        return String(decoding: out, as: UTF16.self)
    }
}
