/// The Unicode-aware parts of ICU's regular expressions that the built-in rules depend on, so
/// the byte scanners decide exactly as `NSRegularExpression` did.
///
/// - `\b`: ICU looks at the character after the position and at the last character before it
///   that is neither `Grapheme_Extend` nor a format character (`Cf`); a boundary is where exactly
///   one of them is a word character, and there is none before a `Grapheme_Extend` or `Cf`
///   character. Word characters are ICU's `[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200C\u200D]`.
/// - `\s`: ICU's `[\p{White_Space}]`.
/// Both are checked against `NSRegularExpression` for every scalar by a test.
///
/// The Swift standard library's Unicode data can be newer than the ICU that Foundation carries
/// (here Unicode 17.0 against 16.0): a character assigned after ``icuUnicodeVersion`` is
/// unassigned to ICU, so neither a word character nor looked through. The test fails when
/// Foundation's ICU moves to another version.
enum UnicodeCharacterClasses {
    /// The Unicode version of the ICU behind `NSRegularExpression`.
    static let icuUnicodeVersion = (major: 16, minor: 0)

    /// The scalar's properties, if ICU's Unicode version has it assigned.
    private static func propertiesKnownToICU(_ value: UInt32) -> Unicode.Scalar.Properties? {
        guard let properties = Unicode.Scalar(value)?.properties, let age = properties.age else { return nil }
        guard age.major < icuUnicodeVersion.major || (age.major == icuUnicodeVersion.major && age.minor <= icuUnicodeVersion.minor) else { return nil }
        return properties
    }

    /// ICU's word character.
    static func isWord(_ value: UInt32) -> Bool {
        if value < 0x80 { return ASCIIByteClass.word.contains(UInt8(value)) }
        if value == 0x200C || value == 0x200D { return true }
        guard let properties = propertiesKnownToICU(value) else { return false }
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    /// A character ICU's `\b` looks through: `Grapheme_Extend` or a format character.
    static func isTransparentToBoundary(_ value: UInt32) -> Bool {
        if value < 0x80 { return false }
        guard let properties = propertiesKnownToICU(value) else { return false }
        return properties.isGraphemeExtend || properties.generalCategory == .format
    }

    /// ICU's `\s`: Unicode `White_Space`.
    static func isWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
