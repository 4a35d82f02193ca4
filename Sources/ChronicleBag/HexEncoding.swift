/// Lowercase hexadecimal encoding helpers.
public enum HexEncoding {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lowercase hex of the given bytes.
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True if `text` is exactly 64 lowercase hexadecimal characters.
    static func isSHA256Hex(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 64 else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}
