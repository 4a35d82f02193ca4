/// Character-level cleaning and escaping shared by the text and attribute escapers.
///
/// Dropped: C0 controls except `\t` and `\n`, DEL, C1 controls and Unicode noncharacters.
/// `\r\n` and lone `\r` become `\n`; U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR
/// become `\n` too (they are line breaks to a reader, and JavaScript-hostile when raw).
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

    /// Cleans (and, depending on `mode`, escapes) `s`.
    static func process(_ s: String, mode: Mode) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v == 0x0D {
                out.append("\n")
                previousWasCR = true
                continue
            }
            defer { previousWasCR = false }
            if v == 0x0A {
                if !previousWasCR { out.append("\n") }
                continue
            }
            if v == 0x2028 || v == 0x2029 {
                out.append("\n")
                continue
            }
            if isDropped(v) { continue }
            switch (scalar, mode) {
            case ("&", .text), ("&", .attribute): out.append(contentsOf: "&amp;".unicodeScalars)
            case ("<", .text), ("<", .attribute): out.append(contentsOf: "&lt;".unicodeScalars)
            case (">", .text), (">", .attribute): out.append(contentsOf: "&gt;".unicodeScalars)
            case ("\"", .text), ("\"", .attribute): out.append(contentsOf: "&quot;".unicodeScalars)
            case ("'", .attribute): out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
