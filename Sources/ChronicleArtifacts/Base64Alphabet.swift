/// Lookup tables shared by the base64 decoder (RFC 4648 §4 standard alphabet).
enum Base64Alphabet {
    /// Table value for `\r` and `\n`: skipped anywhere in the input.
    static let lineBreak: UInt8 = 0x80
    /// Table value for `=`.
    static let padding: UInt8 = 0x81
    /// Table value for every byte outside the alphabet.
    static let invalid: UInt8 = 0xFF

    /// Maps each byte to its 6-bit value (0...63), or to one of the marker values above.
    /// Every marker has bit 6 or 7 set, so `(a | b | c | d) & 0xC0 == 0` checks four bytes at once.
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        table[Int(UInt8(ascii: "\r"))] = lineBreak
        table[Int(UInt8(ascii: "\n"))] = lineBreak
        table[Int(UInt8(ascii: "="))] = padding
        return table
    }()

    /// Explains why `byte` (which is not in the alphabet, not a line break and not `=`) is rejected.
    static func describeInvalid(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "_"):
            return "'\(Character(Unicode.Scalar(byte)))' is not in the standard alphabet (url-safe base64 is not accepted)"
        case UInt8(ascii: " "):
            return "' ' (space) is not allowed; only CR and LF line breaks may appear between base64 characters"
        case UInt8(ascii: "\t"):
            return "tab (0x09) is not allowed; only CR and LF line breaks may appear between base64 characters"
        case 0x21...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))' is not in the standard alphabet"
        default:
            return "byte 0x\(hex(byte)) is not in the standard alphabet"
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
