/// Turns input text into something safe to print on one line: characters are named, keys are
/// written as TOML would accept them, control characters are escaped.
public enum TOMLText {
    /// `'x'` for a printable ASCII character, else a name or `U+XXXX`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "a line break"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0x00: return "a NUL byte (U+0000)"
        case 0x21...0x7E: return "'\(Character(scalar))'"
        default: return hex(scalar.value)
        }
    }

    /// `U+0041` style.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A key path as it could be written in a document: bare parts as they are, others quoted
    /// with escapes (`a."b c".d`).
    public static func keyPath(_ parts: [String]) -> String {
        parts.map(key).joined(separator: ".")
    }

    /// One key, bare when it can be, else a quoted basic string with escapes.
    public static func key(_ name: String) -> String {
        let bare = !name.isEmpty && name.utf8.allSatisfy { TOMLBytes.isBareKey($0) }
        return bare ? name : quoted(name)
    }

    /// A basic string literal with every control character, quote and backslash escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if isControl(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// `text` with every control character (C0, DEL, C1, line and paragraph separators) written
    /// as an escape, so it prints on one line.
    public static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let digits = String(scalar.value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }
}
