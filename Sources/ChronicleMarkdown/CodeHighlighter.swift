/// A small lexer that splits a fenced code block into tokens for highlighting at render time
/// (pages are read without script): keywords, strings, numbers, comments, types, function
/// names, literals and keys, for the languages agents write most. One linear pass; anything it
/// does not recognise stays plain text. Each kind is one CSS class the sanitizer allows on
/// `span` (``HTMLSanitizer/highlightClasses``).
public enum CodeHighlighter {
    public enum Kind: String, Sendable, CaseIterable {
        case keyword = "hl-k", string = "hl-s", number = "hl-n", comment = "hl-c", type = "hl-t"
        case function = "hl-f", literal = "hl-l", key = "hl-a"
    }

    /// What the lexer knows of a language.
    struct Language: Sendable {
        var name: String
        var keywords: Set<String> = []
        var literals: Set<String> = []
        var lineComments: [String] = []
        var blockComment: (open: String, close: String)?
        var quotes: Set<UInt8> = [0x22, 0x27]
        var tripleQuotes = false
        /// Capitalised identifiers are types (Swift, Go, Rust, TypeScript).
        var capitalisedTypes = false
        /// `key:` at the start of a line (YAML) or `"key":` (JSON) is a key.
        var keys = false
        /// `<tag` and `attr=` (HTML, XML).
        var markup = false
        /// `$NAME` and `${…}` are literals (shell).
        var variables = false
    }

    /// The display name and lexer of a fence's first word, when known.
    public static func language(named fence: String) -> (name: String, known: Bool) {
        let word = fence.lowercased()
        if let lang = languages[aliases[word] ?? word] { return (lang.name, true) }
        return (fence, false)
    }

    static let aliases: [String: String] = [
        "py": "python", "python3": "python", "js": "javascript", "jsx": "javascript", "mjs": "javascript", "cjs": "javascript", "node": "javascript",
        "ts": "typescript", "tsx": "typescript", "jsonc": "json", "json5": "json", "sh": "shell", "bash": "shell", "zsh": "shell",
        "console": "shell", "shellsession": "shell", "golang": "go", "rs": "rust", "yml": "yaml", "xml": "html", "svg": "html", "xhtml": "html",
        "postgresql": "sql", "mysql": "sql", "sqlite": "sql", "psql": "sql",
    ]

    static let cLike: Set<String> = ["if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "return"]

    static let languages: [String: Language] = [
        "swift": Language(
            name: "Swift",
            keywords: cLike.union(["func", "let", "var", "struct", "class", "enum", "protocol", "extension", "import", "guard", "in", "where",
                "throws", "throw", "try", "catch", "async", "await", "public", "private", "internal", "fileprivate", "static", "init",
                "self", "Self", "some", "any", "inout", "mutating", "override", "final", "typealias", "defer", "repeat", "actor", "case",
                "associatedtype", "open", "deinit", "subscript", "is", "as"]),
            literals: ["true", "false", "nil"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [0x22], tripleQuotes: true, capitalisedTypes: true),
        "python": Language(
            name: "Python",
            keywords: ["def", "class", "if", "elif", "else", "for", "while", "return", "import", "from", "as", "with", "try", "except",
                "finally", "raise", "lambda", "yield", "pass", "break", "continue", "in", "not", "and", "or", "is", "global", "nonlocal",
                "async", "await", "assert", "del", "match", "case"],
            literals: ["True", "False", "None", "self"], lineComments: ["#"], tripleQuotes: true),
        "javascript": Language(
            name: "JavaScript",
            keywords: cLike.union(["function", "var", "let", "const", "new", "class", "extends", "import", "export", "from", "try", "catch",
                "finally", "throw", "typeof", "instanceof", "in", "of", "async", "await", "yield", "this", "super", "delete", "void", "static"]),
            literals: ["true", "false", "null", "undefined", "NaN"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [0x22, 0x27, 0x60]),
        "typescript": Language(
            name: "TypeScript",
            keywords: cLike.union(["function", "var", "let", "const", "new", "class", "extends", "implements", "interface", "type", "enum",
                "import", "export", "from", "try", "catch", "finally", "throw", "typeof", "instanceof", "in", "of", "async", "await", "yield",
                "this", "super", "public", "private", "protected", "readonly", "as", "keyof", "declare", "namespace", "static"]),
            literals: ["true", "false", "null", "undefined"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [0x22, 0x27, 0x60],
            capitalisedTypes: true),
        "json": Language(name: "JSON", literals: ["true", "false", "null"], quotes: [0x22], keys: true),
        "shell": Language(
            name: "Shell",
            keywords: ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function", "return",
                "export", "local", "readonly", "set", "unset", "source", "echo", "exit", "cd", "sudo"],
            lineComments: ["#"], variables: true),
        "sql": Language(
            name: "SQL",
            keywords: ["select", "from", "where", "insert", "into", "values", "update", "set", "delete", "create", "table", "index", "drop",
                "alter", "join", "left", "right", "inner", "outer", "on", "group", "by", "order", "having", "limit", "offset", "as", "and",
                "or", "not", "in", "is", "distinct", "union", "all", "primary", "key", "references", "with", "case", "when", "then", "else",
                "end", "count", "sum", "max", "min", "avg", "desc", "asc", "begin", "commit", "exists", "like", "between"],
            literals: ["null", "true", "false"], lineComments: ["--"], blockComment: ("/*", "*/")),
        "go": Language(
            name: "Go",
            keywords: cLike.union(["func", "package", "import", "var", "const", "type", "struct", "interface", "map", "chan", "go", "defer",
                "select", "range", "fallthrough", "goto"]),
            literals: ["true", "false", "nil", "iota"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [0x22, 0x27, 0x60],
            capitalisedTypes: true),
        "rust": Language(
            name: "Rust",
            keywords: cLike.union(["fn", "let", "mut", "const", "static", "struct", "enum", "trait", "impl", "pub", "use", "mod", "crate",
                "match", "loop", "in", "as", "ref", "move", "where", "async", "await", "dyn", "unsafe", "type", "self", "Self", "super"]),
            literals: ["true", "false", "None", "Some", "Ok", "Err"], lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [0x22],
            capitalisedTypes: true),
        "yaml": Language(name: "YAML", literals: ["true", "false", "null", "yes", "no", "on", "off", "~"], lineComments: ["#"], keys: true),
        "html": Language(name: "HTML", blockComment: ("<!--", "-->"), markup: true),
    ]

    /// The tokens of `code`: each piece of the text with its kind (`nil`: plain), in order;
    /// together they are `code` exactly. An unknown language is one plain piece.
    public static func tokens(_ code: String, language fence: String) -> [(kind: Kind?, text: String)] {
        let word = fence.lowercased()
        guard let lang = languages[aliases[word] ?? word] else { return [(nil, code)] }
        var lexer = Lexer(code: code, lang: lang)
        return lexer.run()
    }

    struct Lexer {
        let bytes: [UInt8]
        let lang: Language
        var out: [(kind: Kind?, text: String)] = []
        var plainStart = 0
        var i = 0
        var lineStart = true
        var inTag = false

        init(code: String, lang: Language) {
            self.bytes = Array(code.utf8)
            self.lang = lang
        }

        func slice(_ a: Int, _ b: Int) -> String {
            String(decoding: bytes[a..<b], as: UTF8.self)
        }

        func has(_ s: String, at p: Int) -> Bool {
            let s = Array(s.utf8)
            guard p + s.count <= bytes.count else { return false }
            return bytes[p..<(p + s.count)].elementsEqual(s)
        }

        mutating func emit(_ kind: Kind?, _ a: Int, _ b: Int) {
            guard b > a else { return }
            if plainStart < a { out.append((nil, slice(plainStart, a))) }
            out.append((kind, slice(a, b)))
            plainStart = b
        }

        static func isIdentStart(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F || b >= 0x80 }
        static func isIdent(_ b: UInt8) -> Bool { isIdentStart(b) || (0x30...0x39).contains(b) }
        static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

        /// The end of a string that starts at `p` with `quote` (escapes honoured; a single-quoted
        /// string ends at the line's end at the latest).
        func stringEnd(_ p: Int, quote: UInt8, triple: Bool) -> Int {
            var j = p + (triple ? 3 : 1)
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x5C, lang.name != "Shell" || quote == 0x22 { j += 2; continue }
                if triple {
                    if b == quote, j + 2 < bytes.count, bytes[j + 1] == quote, bytes[j + 2] == quote { return j + 3 }
                } else {
                    if b == quote { return j + 1 }
                    if b == 0x0A, quote != 0x60 { return j }
                }
                j += 1
            }
            return bytes.count
        }

        mutating func run() -> [(kind: Kind?, text: String)] {
            let sqlLike = lang.name == "SQL"
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x0A {
                    lineStart = true
                    i += 1
                    continue
                }
                let atLineStart = lineStart
                if b != 0x20 && b != 0x09 { lineStart = false }
                if let block = lang.blockComment, has(block.open, at: i) {
                    var j = i + block.open.utf8.count
                    while j < bytes.count, !has(block.close, at: j) { j += 1 }
                    j = min(bytes.count, j + block.close.utf8.count)
                    emit(.comment, i, j)
                    i = j
                    continue
                }
                if !inTag, let prefix = lang.lineComments.first(where: { has($0, at: i) }),
                    prefix != "#" || i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 || bytes[i - 1] == 0x0A
                {
                    var j = i + prefix.utf8.count
                    while j < bytes.count, bytes[j] != 0x0A { j += 1 }
                    emit(.comment, i, j)
                    i = j
                    continue
                }
                if lang.markup {
                    if b == 0x3C, i + 1 < bytes.count, Self.isIdentStart(bytes[i + 1]) || bytes[i + 1] == 0x2F || bytes[i + 1] == 0x21 {
                        var j = i + 1
                        while j < bytes.count, Self.isIdent(bytes[j]) || bytes[j] == 0x2F || bytes[j] == 0x21 || bytes[j] == 0x2D || bytes[j] == 0x3A { j += 1 }
                        emit(.keyword, i, j)
                        inTag = true
                        i = j
                        continue
                    }
                    if inTag {
                        if b == 0x3E || (b == 0x2F && i + 1 < bytes.count && bytes[i + 1] == 0x3E) {
                            let j = b == 0x3E ? i + 1 : i + 2
                            emit(.keyword, i, j)
                            inTag = false
                            i = j
                            continue
                        }
                        if b == 0x22 || b == 0x27 {
                            var j = i + 1
                            while j < bytes.count, bytes[j] != b { j += 1 }
                            j = min(bytes.count, j + 1)
                            emit(.string, i, j)
                            i = j
                            continue
                        }
                        if Self.isIdentStart(b) {
                            var j = i
                            while j < bytes.count, Self.isIdent(bytes[j]) || bytes[j] == 0x2D || bytes[j] == 0x3A { j += 1 }
                            emit(.key, i, j)
                            i = j
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                if lang.quotes.contains(b) || (lang.name == "Shell" && (b == 0x22 || b == 0x27)) || (lang.name == "YAML" && (b == 0x22 || b == 0x27)) {
                    let triple = lang.tripleQuotes && i + 2 < bytes.count && bytes[i + 1] == b && bytes[i + 2] == b
                    // A Rust lifetime or a Swift/Go character is still a short string; an
                    // apostrophe inside a word (YAML, shell prose) is not a string.
                    if b == 0x27, i > 0, Self.isIdent(bytes[i - 1]), lang.name == "YAML" || lang.name == "Shell" || lang.name == "Rust" {
                        i += 1
                        continue
                    }
                    let j = stringEnd(i, quote: b, triple: triple)
                    var k = j
                    while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                    let isKey = lang.keys && k < bytes.count && bytes[k] == 0x3A
                    emit(isKey ? .key : .string, i, j)
                    i = j
                    continue
                }
                if lang.variables, b == 0x24, i + 1 < bytes.count {
                    var j = i + 1
                    if bytes[j] == 0x7B {
                        while j < bytes.count, bytes[j] != 0x7D, bytes[j] != 0x0A { j += 1 }
                        j = min(bytes.count, j + 1)
                    } else {
                        while j < bytes.count, Self.isIdent(bytes[j]) { j += 1 }
                    }
                    if j > i + 1 {
                        emit(.literal, i, j)
                        i = j
                        continue
                    }
                }
                if Self.isDigit(b), i == 0 || !Self.isIdent(bytes[i - 1]) {
                    var j = i + 1
                    while j < bytes.count, Self.isIdent(bytes[j]) || bytes[j] == 0x2E && j + 1 < bytes.count && Self.isDigit(bytes[j + 1]) { j += 1 }
                    emit(.number, i, j)
                    i = j
                    continue
                }
                if Self.isIdentStart(b) || (lang.name == "YAML" && atLineStart) {
                    var j = i
                    while j < bytes.count, Self.isIdent(bytes[j]) || (lang.name == "YAML" && (bytes[j] == 0x2D || bytes[j] == 0x2E)) { j += 1 }
                    if j == i {
                        i += 1
                        continue
                    }
                    let word = String(decoding: bytes[i..<j], as: UTF8.self)
                    var k = j
                    while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                    let next: UInt8? = k < bytes.count ? bytes[k] : nil
                    let kind: Kind?
                    if lang.keys, lang.name == "YAML", atLineStart || (i >= 2 && bytes[i - 2] == 0x2D && bytes[i - 1] == 0x20), next == 0x3A {
                        kind = .key
                    } else if lang.keywords.contains(sqlLike ? word.lowercased() : word) {
                        kind = .keyword
                    } else if lang.literals.contains(sqlLike ? word.lowercased() : word) {
                        kind = .literal
                    } else if next == 0x28, !lang.keys, lang.name != "Shell" {
                        kind = .function
                    } else if lang.capitalisedTypes, (0x41...0x5A).contains(bytes[i]) {
                        kind = .type
                    } else {
                        kind = nil
                    }
                    if let kind { emit(kind, i, j) }
                    i = j
                    continue
                }
                i += 1
            }
            if plainStart < bytes.count { out.append((nil, slice(plainStart, bytes.count))) }
            return out
        }
    }
}
