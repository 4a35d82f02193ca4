/// A SHA-256 registered for a payload file, kept in 32 bytes inline: a bag of tens of thousands
/// of files holds one per file until `finalize`, so a 64-character string each would be the
/// largest thing a long run keeps in memory. Text that is not a lowercase-able 64-digit hex
/// digest is kept as given, for the error `finalize` reports.
enum RegisteredDigest: Sendable {
    case valid(UInt64, UInt64, UInt64, UInt64)
    case invalid(String)

    init(_ text: String) {
        let lower = text.lowercased()
        guard HexEncoding.isSHA256Hex(lower) else {
            self = .invalid(text)
            return
        }
        var words: [UInt64] = [0, 0, 0, 0]
        for (i, b) in lower.utf8.enumerated() {
            let nibble = UInt64(b <= 0x39 ? b - 0x30 : b - 0x61 + 10)
            words[i / 16] = words[i / 16] << 4 | nibble
        }
        self = .valid(words[0], words[1], words[2], words[3])
    }

    /// The 64 lowercase hex digits, or nil for text that was not a digest.
    var hex: String? {
        guard case .valid(let a, let b, let c, let d) = self else { return nil }
        var out = ""
        out.reserveCapacity(64)
        for word in [a, b, c, d] {
            let digits = String(word, radix: 16)
            out += String(repeating: "0", count: 16 - digits.utf8.count) + digits
        }
        return out
    }

    /// The registered text (for error messages).
    var text: String {
        switch self {
        case .valid: return hex ?? ""
        case .invalid(let text): return text
        }
    }
}
