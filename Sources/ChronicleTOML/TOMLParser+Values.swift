/// Values: which kind starts here, arrays and inline tables.
extension TOMLParser {
    /// The value at the cursor; `depth` is how deep it sits, bounded by ``maximumDepth``.
    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLNode {
        let position = scanner.position
        guard let b = scanner.peek else { throw scanner.expected("a value") }
        switch b {
        case TOMLBytes.quote:
            let s = scanner.starts(with: [TOMLBytes.quote, TOMLBytes.quote, TOMLBytes.quote])
                ? try parseMultilineBasicString() : try parseBasicString()
            return TOMLNode(.string(s), at: position)
        case TOMLBytes.apostrophe:
            let s = scanner.starts(with: [TOMLBytes.apostrophe, TOMLBytes.apostrophe, TOMLBytes.apostrophe])
                ? try parseMultilineLiteralString() : try parseLiteralString()
            return TOMLNode(.string(s), at: position)
        case TOMLBytes.openBracket:
            return TOMLNode(try parseArray(depth: depth), at: position)
        case TOMLBytes.openBrace:
            return TOMLNode(try parseInlineTable(depth: depth), at: position)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if scanner.starts(with: Array("true".utf8)) {
                scanner.advance(by: 4)
                return TOMLNode(.boolean(true), at: position)
            }
            if scanner.starts(with: Array("false".utf8)) {
                scanner.advance(by: 5)
                return TOMLNode(.boolean(false), at: position)
            }
            throw invalidValue()
        default:
            let isSpecialFloat = scanner.starts(with: Array("inf".utf8)) || scanner.starts(with: Array("nan".utf8))
            if TOMLBytes.isDigit(b) || b == TOMLBytes.plus || b == TOMLBytes.minus || isSpecialFloat {
                if let dateTime = try parseDateTimeIfPresent() { return TOMLNode(dateTime, at: position) }
                return TOMLNode(try parseNumber(), at: position)
            }
            throw invalidValue()
        }
    }

    func invalidValue() -> TOMLError {
        if let b = scanner.peek, TOMLBytes.isLetter(b) {
            var end = scanner.index
            while end < scanner.bytes.count, end - scanner.index < 40, TOMLBytes.isBareKey(scanner.bytes[end]) { end += 1 }
            if end < scanner.bytes.count, TOMLBytes.isControl(scanner.bytes[end]),
                !TOMLBytes.isWhitespace(scanner.bytes[end]), scanner.bytes[end] != TOMLBytes.lineFeed, scanner.bytes[end] != TOMLBytes.carriageReturn
            {
                let at = TOMLPosition(line: scanner.line, column: scanner.column + end - scanner.index)
                return TOMLError(at: at, "\(TOMLText.describe(Unicode.Scalar(scanner.bytes[end]))) is not allowed in a value")
            }
            let word = String(decoding: scanner.bytes[scanner.index..<end], as: UTF8.self)
            return scanner.error("\(word) is not a value; a string must be quoted (\"\(word)\"), a boolean is true or false")
        }
        if scanner.isAtEnd || scanner.atNewline || scanner.peek == TOMLBytes.hash {
            return scanner.expected("a value")
        }
        return scanner.expected("a value (a \"string\", number, true/false, date, [array] or {inline table})")
    }

    /// `[ v, v, … ]`: line breaks and comments allowed between elements, a trailing comma too.
    mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        let open = scanner.position
        try checkDepth(depth)
        scanner.advance()
        var elements: [TOMLNode] = []
        while true {
            try skipBlankAndComments()
            if scanner.consume(TOMLBytes.closeBracket) { break }
            if scanner.isAtEnd { throw scanner.error("the array opened on line \(open.line) is not closed; add ]") }
            elements.append(try parseValue(depth: depth + 1))
            try skipBlankAndComments()
            if scanner.consume(TOMLBytes.comma) { continue }
            if scanner.consume(TOMLBytes.closeBracket) { break }
            if scanner.isAtEnd { throw scanner.error("the array opened on line \(open.line) is not closed; add ]") }
            throw scanner.expected(", or ] in the array opened on line \(open.line)")
        }
        return .array(elements)
    }

    /// Spaces, tabs, line breaks and comments inside an array.
    mutating func skipBlankAndComments() throws(TOMLError) {
        while true {
            scanner.skipWhitespace()
            if scanner.peek == TOMLBytes.hash {
                try skipComment()
            } else if try !scanner.consumeNewline() {
                return
            }
        }
    }

    /// `{ k = v, k.k = v }`: one line, no trailing comma (TOML 1.0), complete once closed.
    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        let open = scanner.position
        try checkDepth(depth)
        scanner.advance()
        let table = TOMLTableBuilder(origin: .inline, position: open, path: [], depth: depth)
        scanner.skipWhitespace()
        if scanner.consume(TOMLBytes.closeBrace) { return .table(table.build()) }
        while true {
            scanner.skipWhitespace()
            guard let b = scanner.peek, Self.startsKey(b) else {
                if scanner.peek == TOMLBytes.closeBrace {
                    throw scanner.error("a trailing comma is not allowed in an inline table (TOML 1.0)")
                }
                throw inlineTableBreak(open, "a key")
            }
            try parseKeyValue(into: table, depth: depth)
            scanner.skipWhitespace()
            if scanner.consume(TOMLBytes.comma) { continue }
            if scanner.consume(TOMLBytes.closeBrace) { break }
            throw inlineTableBreak(open, ", or }")
        }
        return .table(table.build())
    }

    func inlineTableBreak(_ open: TOMLPosition, _ what: String) -> TOMLError {
        if scanner.atNewline || scanner.peek == TOMLBytes.hash {
            return scanner.error("an inline table must be closed on the line it opens (line \(open.line)); use a [table] for more lines")
        }
        if scanner.isAtEnd { return scanner.error("the inline table opened on line \(open.line) is not closed; add }") }
        return scanner.expected("\(what) in the inline table opened on line \(open.line)")
    }

    func checkDepth(_ depth: Int) throws(TOMLError) {
        guard depth < Self.maximumDepth else {
            throw scanner.error("arrays and tables nest deeper than \(Self.maximumDepth) levels")
        }
    }
}
