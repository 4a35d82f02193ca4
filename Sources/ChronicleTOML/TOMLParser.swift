/// The document grammar of TOML 1.0: lines of `key = value`, `[table]` and `[[array of
/// tables]]` headers, comments; keys. Values are in `TOMLParser+Values.swift`, strings,
/// numbers and date-times in their own files; the rules about which table may be defined or
/// extended are ``TOMLTableBuilder``'s.
struct TOMLParser {
    static let maximumDepth = 128

    var scanner: TOMLScanner
    let root: TOMLTableBuilder
    /// The table that `key = value` lines go to: the root, or the last header's.
    var section: TOMLTableBuilder

    init(bytes: [UInt8]) throws(TOMLError) {
        if let bad = UTF8Check.firstInvalidOffset(bytes) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == TOMLBytes.lineFeed ? 1 : 0) }
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            throw TOMLError(line: line, column: 1, message: "the file is not valid UTF-8 (byte 0x\(byte) at offset \(bad)); save it as UTF-8")
        }
        scanner = TOMLScanner(bytes: bytes)
        root = TOMLTableBuilder(origin: .root, position: TOMLPosition(line: 1, column: 1), path: [], depth: 0)
        section = root
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if scanner.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.advance(by: 3) }
        while true {
            scanner.skipWhitespace()
            guard let b = scanner.peek else { break }
            switch b {
            case TOMLBytes.hash, TOMLBytes.lineFeed, TOMLBytes.carriageReturn:
                break
            case TOMLBytes.openBracket:
                try parseHeader()
            default:
                guard Self.startsKey(b) else {
                    throw scanner.expected("a key, a [table] header or a comment")
                }
                try parseKeyValue(into: section, depth: section.depth)
            }
            try endLine()
        }
        return root.build()
    }

    static func startsKey(_ b: UInt8) -> Bool {
        TOMLBytes.isBareKey(b) || b == TOMLBytes.quote || b == TOMLBytes.apostrophe
    }

    /// After an expression: spaces, an optional comment, then a line break or the end.
    mutating func endLine() throws(TOMLError) {
        scanner.skipWhitespace()
        if scanner.peek == TOMLBytes.hash { try skipComment() }
        if scanner.isAtEnd { return }
        guard try scanner.consumeNewline() else {
            throw scanner.expected("the end of the line")
        }
    }

    /// `# …` up to the line break: tabs and printable characters only.
    mutating func skipComment() throws(TOMLError) {
        scanner.advance()
        while let b = scanner.peek, b != TOMLBytes.lineFeed {
            if b == TOMLBytes.carriageReturn {
                if scanner.peek(at: 1) == TOMLBytes.lineFeed { return }
                throw scanner.error("a carriage return (U+000D) must be followed by a line feed")
            }
            if TOMLBytes.isControl(b), b != TOMLBytes.tab {
                throw scanner.error("\(scanner.describeCurrent) is not allowed in a comment (control characters other than tab)")
            }
            scanner.advance()
        }
    }

    // MARK: Headers

    /// `[a.b]` or `[[a.b]]`.
    mutating func parseHeader() throws(TOMLError) {
        let start = scanner.position
        scanner.advance()
        let isArray = scanner.consume(TOMLBytes.openBracket)
        scanner.skipWhitespace()
        guard let b = scanner.peek, Self.startsKey(b) else {
            throw scanner.expected(isArray ? "a key after [[" : "a key after [ (write the table's name, e.g. [redact])")
        }
        let keys = try parseKey()
        guard scanner.consume(TOMLBytes.closeBracket) else {
            throw scanner.expected(isArray ? "]] to close the header" : "] to close the header")
        }
        if isArray {
            guard scanner.consume(TOMLBytes.closeBracket) else {
                throw scanner.expected("a second ] to close the [[array of tables]] header")
            }
            section = try root.appendTableArrayElement(keys, header: start)
        } else {
            section = try root.defineTable(keys, header: start)
        }
    }

    // MARK: Keys

    /// `key = value` into `table`.
    mutating func parseKeyValue(into table: TOMLTableBuilder, depth: Int) throws(TOMLError) {
        let keys = try parseKey()
        guard scanner.consume(TOMLBytes.equals) else {
            if scanner.atNewline || scanner.isAtEnd || scanner.peek == TOMLBytes.hash {
                throw scanner.expected("= and a value after the key \(TOMLText.keyPath(keys.map(\.name)))")
            }
            throw scanner.expected("= after the key \(TOMLText.keyPath(keys.map(\.name)))")
        }
        scanner.skipWhitespace()
        let value = try parseValue(depth: depth + keys.count)
        try table.setValue(keys, value)
    }

    /// A simple or dotted key, with the spaces around it.
    mutating func parseKey() throws(TOMLError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            scanner.skipWhitespace()
            parts.append(try parseSimpleKey())
            if parts.count > Self.maximumDepth {
                throw scanner.error("a key has more than \(Self.maximumDepth) dotted parts")
            }
            scanner.skipWhitespace()
            guard scanner.consume(TOMLBytes.dot) else { return parts }
        }
    }

    /// A bare key (`A-Za-z0-9_-`), a "basic" or a 'literal' quoted key.
    mutating func parseSimpleKey() throws(TOMLError) -> TOMLKeyPart {
        let position = scanner.position
        switch scanner.peek {
        case TOMLBytes.quote:
            if scanner.starts(with: [TOMLBytes.quote, TOMLBytes.quote, TOMLBytes.quote]) {
                throw scanner.error("a key cannot be a multi-line string")
            }
            return TOMLKeyPart(name: try parseBasicString(), position: position)
        case TOMLBytes.apostrophe:
            if scanner.starts(with: [TOMLBytes.apostrophe, TOMLBytes.apostrophe, TOMLBytes.apostrophe]) {
                throw scanner.error("a key cannot be a multi-line string")
            }
            return TOMLKeyPart(name: try parseLiteralString(), position: position)
        default:
            let start = scanner.index
            while let b = scanner.peek, TOMLBytes.isBareKey(b) { scanner.advance() }
            guard scanner.index > start else {
                throw scanner.expected("a key (letters, digits, _ and -, or a quoted key)")
            }
            return TOMLKeyPart(name: String(decoding: scanner.bytes[start..<scanner.index], as: UTF8.self), position: position)
        }
    }
}
