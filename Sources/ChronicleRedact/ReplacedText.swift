/// A text's UTF-8 bytes with ranges replaced by one marker, built in one allocation.
enum ReplacedText {
    /// `bytes` with each of `ranges` (in order, not overlapping, at scalar boundaries) replaced
    /// by `marker`.
    static func build(_ bytes: UnsafeBufferPointer<UInt8>, replacing ranges: [Range<Int>], with marker: [UInt8]) -> String {
        let removed = ranges.reduce(0) { $0 + $1.count }
        let capacity = bytes.count - removed + ranges.count * marker.count
        return marker.withUnsafeBufferPointer { marker in
            String(unsafeUninitializedCapacity: capacity) { out in
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
