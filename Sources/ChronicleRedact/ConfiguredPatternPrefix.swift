/// The literal text every match of a configured pattern starts with, where it can be read off
/// the pattern safely, so the prefilter skips the expression on texts without it.
///
/// Only a plain start counts: ASCII characters with no meaning in ICU's syntax, or ASCII
/// punctuation escaped with `\`, after an optional leading `(?i)`. It stops at the first other
/// character, drops the last literal character when a quantifier (`?`, `*`, `+`, `{`) follows
/// it, and gives up on any pattern holding `|` (an alternative need not start the same way).
/// `ACME-[0-9]{6}` gives `ACME-`; `(?i)token=\S+` gives `token=` ignoring case; `\bkey` and
/// `(a+)+$` give nothing (the expression then runs on every text).
enum ConfiguredPatternPrefix {
    private static let plain = ASCIIByteClass(" !\"#%&',-/:;<=>@_`~", ranges: ["AZ", "az", "09"])
    private static let quantifiers = ASCIIByteClass("?*+{")

    static func hint(for pattern: String, caseInsensitive: Bool) -> RedactionHint? {
        var bytes = Array(pattern.utf8)[...]
        guard !bytes.contains(UInt8(ascii: "|")) else { return nil }
        var ignoringCase = caseInsensitive
        if bytes.starts(with: "(?i)".utf8) {
            ignoringCase = true
            bytes = bytes.dropFirst(4)
        }
        var literal: [UInt8] = []
        while let b = bytes.first {
            if plain.contains(b) {
                literal.append(b)
                bytes = bytes.dropFirst()
            } else if b == UInt8(ascii: "\\"), bytes.count >= 2 {
                let escaped = bytes[bytes.startIndex + 1]
                guard escaped < 0x80, !ASCIIByteClass.alphanumerics.contains(escaped) else { break }
                literal.append(escaped)
                bytes = bytes.dropFirst(2)
            } else {
                break
            }
        }
        if let next = bytes.first, quantifiers.contains(next), !literal.isEmpty { literal.removeLast() }
        guard !literal.isEmpty else { return nil }
        return RedactionHint([String(decoding: literal, as: UTF8.self)], caseInsensitive: ignoringCase)
    }
}
