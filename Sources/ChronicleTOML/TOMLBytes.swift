/// Byte classes of the TOML 1.0 grammar (ABNF names in comments).
enum TOMLBytes {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22 // "
    static let hash: UInt8 = 0x23 // #
    static let apostrophe: UInt8 = 0x27 // '
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let equals: UInt8 = 0x3D
    static let openBracket: UInt8 = 0x5B // [
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D // ]
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B // {
    static let closeBrace: UInt8 = 0x7D // }

    /// `wschar`: space or tab.
    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// `unquoted-key` characters: A-Z a-z 0-9 - _
    static func isBareKey(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == minus || b == underscore }

    /// A control character that TOML allows nowhere raw except where a caller says so (tab is
    /// allowed in comments and strings; line breaks end lines): U+0000…U+001F and U+007F.
    static func isControl(_ b: UInt8) -> Bool { b < 0x20 || b == 0x7F }
}
