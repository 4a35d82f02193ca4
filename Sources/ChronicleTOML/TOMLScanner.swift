/// A cursor over the document's bytes (already checked to be UTF-8) that keeps the line and
/// column of the next byte, so every token and error knows where it is.
struct TOMLScanner {
    let bytes: [UInt8]
    private(set) var index: Int = 0
    private(set) var line: Int = 1
    private(set) var column: Int = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(at offset: Int) -> UInt8? {
        let i = index + offset
        return i >= 0 && i < bytes.count ? bytes[i] : nil
    }

    var position: TOMLPosition { TOMLPosition(line: line, column: column) }

    /// Steps over one byte (a line feed starts a new line; UTF-8 continuation bytes do not
    /// count as columns).
    mutating func advance() {
        guard index < bytes.count else { return }
        let b = bytes[index]
        index += 1
        if b == TOMLBytes.lineFeed {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    /// Steps over `b` if it is next.
    mutating func consume(_ b: UInt8) -> Bool {
        guard peek == b else { return false }
        advance()
        return true
    }

    /// True when the next bytes are `sequence`.
    func starts(with sequence: [UInt8]) -> Bool {
        guard index + sequence.count <= bytes.count else { return false }
        for (i, b) in sequence.enumerated() where bytes[index + i] != b { return false }
        return true
    }

    /// Skips spaces and tabs.
    mutating func skipWhitespace() {
        while let b = peek, TOMLBytes.isWhitespace(b) { advance() }
    }

    /// Steps over a line break (LF or CRLF) if one is next; a carriage return alone is an error.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        if peek == TOMLBytes.lineFeed {
            advance()
            return true
        }
        if peek == TOMLBytes.carriageReturn {
            guard peek(at: 1) == TOMLBytes.lineFeed else {
                throw error("a carriage return (U+000D) must be followed by a line feed")
            }
            advance(by: 2)
            return true
        }
        return false
    }

    /// True when a line break (LF, or CR that should start CRLF) is next.
    var atNewline: Bool { peek == TOMLBytes.lineFeed || peek == TOMLBytes.carriageReturn }

    /// The character that starts at the cursor, decoded (the input is valid UTF-8).
    var currentScalar: Unicode.Scalar? {
        guard let first = peek else { return nil }
        if first < 0x80 { return Unicode.Scalar(first) }
        var length = 1
        if first & 0xE0 == 0xC0 { length = 2 } else if first & 0xF0 == 0xE0 { length = 3 } else if first & 0xF8 == 0xF0 { length = 4 }
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(first) & (0xFF >> (length + 1))
        for i in 1..<max(length, 1) { value = value << 6 | UInt32(bytes[index + i] & 0x3F) }
        return Unicode.Scalar(value)
    }

    /// The next character named for a message: `'x'`, "a line break", `U+0000`, or "the end of
    /// the file".
    var describeCurrent: String {
        guard let scalar = currentScalar else { return "the end of the file" }
        return TOMLText.describe(scalar)
    }

    func error(_ message: String) -> TOMLError {
        TOMLError(at: position, message)
    }

    /// "expected X, found <next character>".
    func expected(_ what: String) -> TOMLError {
        error("expected \(what), found \(describeCurrent)")
    }
}
