#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small lexer that splits a fenced code block into tokens for highlighting at render time
/// (pages are read without script): keywords, strings, numbers, comments, types, function
/// names, literals and keys, for the languages agents write most. One linear pass; anything it
/// does not recognise stays plain text. Each kind is one CSS class the sanitizer allows on
/// `span` (``HTMLSanitizer/highlightClasses``).
public enum CodeHighlighter {
    public enum Kind: String, Sendable, CaseIterable {
        case keyword = "hl-k", string = "hl-s", number = "hl-n", comment = "hl-c", type = "hl-t"
        case function = "hl-f", literal = "hl-l", key = "hl-a"

        /// The kind's position in `allCases`, for tables indexed by kind.
        public var ordinal: Int {
            switch self {
            case .keyword: 0
            case .string: 1
            case .number: 2
            case .comment: 3
            case .type: 4
            case .function: 5
            case .literal: 6
            case .key: 7
            }
        }
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

    /// A highlighted piece of a code block: its kind and its UTF-8 byte range; the bytes between
    /// tokens are plain text.
    public struct Token: Sendable, Equatable {
        public let kind: Kind
        public let range: Range<Int>
    }

    /// The tokens of `code`: each piece of the text with its kind (`nil`: plain), in order;
    /// together they are `code` exactly. An unknown language is one plain piece.
    public static func tokens(_ code: String, language fence: String) -> [(kind: Kind?, text: String)] {
        let bytes = Array(code.utf8)
        let highlighted = bytes.withUnsafeBufferPointer { tokens(utf8: $0, language: fence) }
        guard let highlighted else { return [(nil, code)] }
        var out: [(kind: Kind?, text: String)] = []
        var plainStart = 0
        for token in highlighted {
            if plainStart < token.range.lowerBound { out.append((nil, String(decoding: bytes[plainStart..<token.range.lowerBound], as: UTF8.self))) }
            out.append((token.kind, String(decoding: bytes[token.range], as: UTF8.self)))
            plainStart = token.range.upperBound
        }
        if plainStart < bytes.count { out.append((nil, String(decoding: bytes[plainStart...], as: UTF8.self))) }
        return out
    }

    /// The highlighted tokens of `code` (valid UTF-8), in order, or `nil` for a language the
    /// lexer does not know. No copy of the code and no string per token: the page writer writes
    /// the ranges straight from the bytes.
    public static func tokens(utf8 code: UnsafeBufferPointer<UInt8>, language fence: String) -> [Token]? {
        let word = fence.lowercased()
        guard let lexicon = lexicons[aliases[word] ?? word] else { return nil }
        var lexer = Lexer(bytes: code, lang: lexicon)
        lexer.run()
        return lexer.out
    }

    /// Every language made ready for the lexer once.
    static let lexicons: [String: Lexicon] = languages.mapValues(Lexicon.init)

    /// An identifier of at most 16 bytes packed into two words: keywords are looked up without
    /// making a string of every identifier.
    struct PackedWord: Hashable, Sendable {
        let low: UInt64
        let high: UInt64

        init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        /// `nil` when `bytes[range]` is longer than 16 bytes (no keyword is).
        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, foldingASCIICase: Bool) {
            guard range.count <= 16 else { return nil }
            var low: UInt64 = 0, high: UInt64 = 0
            for (k, p) in range.enumerated() {
                var b = bytes[p]
                if foldingASCIICase, b >= 0x41, b <= 0x5A { b |= 0x20 }
                if k < 8 { low |= UInt64(b) << UInt64(8 * k) } else { high |= UInt64(b) << UInt64(8 * (k - 8)) }
            }
            self.low = low
            self.high = high
        }

        init?(_ word: String) {
            let bytes = Array(word.utf8)
            guard let packed = bytes.withUnsafeBufferPointer({ PackedWord($0, 0..<$0.count, foldingASCIICase: false) }) else { return nil }
            self = packed
        }
    }

    /// A ``Language`` in the form the lexer reads byte by byte.
    struct Lexicon: Sendable {
        let language: Language
        let words: WordTable
        /// For each ASCII byte, bit `n` set when a keyword or literal of `n` bytes starts with it:
        /// most identifiers are no word of the language, and are told so without being packed
        /// and looked up.
        let wordLengthsByFirstByte: [UInt32]
        let lineComments: [[UInt8]]
        let blockOpen: [UInt8]
        let blockClose: [UInt8]
        /// Bytes that open a string: the language's quotes, and `"` `'` in shell and YAML.
        let quotes: [Bool]
        /// Bytes that start nothing (outside markup languages, where every byte may): the lexer
        /// steps over them with one test (spaces, most punctuation).
        let inert: [Bool]
        let isShell: Bool, isYAML: Bool, isSQL: Bool, isRust: Bool

        init(_ language: Language) {
            self.language = language
            words = WordTable(keywords: Set(language.keywords.compactMap(PackedWord.init)), literals: Set(language.literals.compactMap(PackedWord.init)))
            var lengths = [UInt32](repeating: 0, count: 128)
            for word in language.keywords.union(language.literals) {
                let bytes = Array(word.utf8)
                guard let first = bytes.first, first < 0x80, bytes.count <= 16 else { continue }
                lengths[Int(first)] |= 1 << UInt32(bytes.count)
            }
            wordLengthsByFirstByte = lengths
            lineComments = language.lineComments.map { Array($0.utf8) }
            blockOpen = language.blockComment.map { Array($0.open.utf8) } ?? []
            blockClose = language.blockComment.map { Array($0.close.utf8) } ?? []
            isShell = language.name == "Shell"
            isYAML = language.name == "YAML"
            isSQL = language.name == "SQL"
            isRust = language.name == "Rust"
            var quotes = [Bool](repeating: false, count: 256)
            for q in language.quotes { quotes[Int(q)] = true }
            if isShell || isYAML { quotes[0x22] = true; quotes[0x27] = true }
            self.quotes = quotes
            var inert = [Bool](repeating: !language.markup, count: 256)
            for b in 0..<256 {
                let byte = UInt8(b)
                if byte == 0x0A || byte == blockOpen.first || quotes[b] || Lexer.isIdentStart(byte) || Lexer.isDigit(byte) { inert[b] = false }
            }
            for prefix in lineComments { if let first = prefix.first { inert[Int(first)] = false } }
            if language.variables { inert[0x24] = false }
            // A YAML line may start with `-` or `.` in a key.
            if isYAML { inert[0x2D] = false; inert[0x2E] = false }
            self.inert = inert
        }

        /// Whether `bytes[range]` is a keyword or a literal of the language (a keyword when it is
        /// both), compared as the `String`s of ``Language`` compare (SQL ignoring case).
        func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Kind? {
            guard !words.isEmpty else { return nil }
            var ascii = true
            for p in range where bytes[p] >= 0x80 { ascii = false; break }
            guard ascii else {
                // Unicode case mapping and canonical equivalence (the Kelvin sign is `K`):
                // the rare non-ASCII identifier is compared as a string.
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                let word = isSQL ? text.lowercased() : text
                if language.keywords.contains(word) { return .keyword }
                return language.literals.contains(word) ? .literal : nil
            }
            var first = bytes[range.lowerBound]
            if isSQL, first >= 0x41, first <= 0x5A { first |= 0x20 }
            guard range.count <= 16, wordLengthsByFirstByte[Int(first)] & (1 << UInt32(range.count)) != 0 else { return nil }
            guard let packed = PackedWord(bytes, range, foldingASCIICase: isSQL) else { return nil }
            return words.kind(of: packed)
        }
    }

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        let lang: Lexicon
        var out: [Token] = []
        var i = 0
        var lineStart = true
        var inTag = false

        init(bytes: UnsafeBufferPointer<UInt8>, lang: Lexicon) {
            self.bytes = bytes
            self.lang = lang
            // About a token per eight bytes of code: grown once or twice, not eight times.
            out.reserveCapacity(bytes.count / 8 + 16)
        }

        @inline(__always)
        func has(_ s: [UInt8], at p: Int) -> Bool {
            guard p + s.count <= bytes.count else { return false }
            var k = 0
            while k < s.count, bytes[p + k] == s[k] { k += 1 }
            return k == s.count
        }

        @inline(__always)
        mutating func emit(_ kind: Kind, _ a: Int, _ b: Int) {
            guard b > a else { return }
            out.append(Token(kind: kind, range: a..<b))
        }

        @inline(__always) static func isIdentStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F || b >= 0x80 }
        @inline(__always) static func isIdent(_ b: UInt8) -> Bool { isIdentStart(b) || isDigit(b) }
        @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

        /// The end of a string that starts at `p` with `quote` (escapes honoured; a single-quoted
        /// string ends at the line's end at the latest).
        func stringEnd(_ p: Int, quote: UInt8, triple: Bool) -> Int {
            var j = p + (triple ? 3 : 1)
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x5C, !lang.isShell || quote == 0x22 { j += 2; continue }
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

        /// The end of the line starting the search at `j` (the position of its `\n`, or the end).
        func lineEnd(from j: Int) -> Int {
            guard j < bytes.count, let base = bytes.baseAddress else { return bytes.count }
            guard let found = memchr(base + j, 0x0A, bytes.count - j) else { return bytes.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        mutating func run() {
            let n = bytes.count
            let blockFirst = lang.blockOpen.first
            while i < n {
                let b = bytes[i]
                if b == 0x0A {
                    lineStart = true
                    i += 1
                    continue
                }
                let atLineStart = lineStart
                if b != 0x20 && b != 0x09 { lineStart = false }
                if lang.inert[Int(b)] {
                    i += 1
                    continue
                }
                if b == blockFirst, has(lang.blockOpen, at: i) {
                    var j = i + lang.blockOpen.count
                    let closeFirst = lang.blockClose[0]
                    while j < n, bytes[j] != closeFirst || !has(lang.blockClose, at: j) { j += 1 }
                    j = min(n, j + lang.blockClose.count)
                    emit(.comment, i, j)
                    i = j
                    continue
                }
                if !inTag, let prefix = lang.lineComments.first(where: { $0[0] == b && has($0, at: i) }),
                    prefix != [0x23] || i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09 || bytes[i - 1] == 0x0A
                {
                    let j = lineEnd(from: i + prefix.count)
                    emit(.comment, i, j)
                    i = j
                    continue
                }
                if lang.language.markup {
                    if b == 0x3C, i + 1 < n, Self.isIdentStart(bytes[i + 1]) || bytes[i + 1] == 0x2F || bytes[i + 1] == 0x21 {
                        var j = i + 1
                        while j < n, Self.isIdent(bytes[j]) || bytes[j] == 0x2F || bytes[j] == 0x21 || bytes[j] == 0x2D || bytes[j] == 0x3A { j += 1 }
                        emit(.keyword, i, j)
                        inTag = true
                        i = j
                        continue
                    }
                    if inTag {
                        if b == 0x3E || (b == 0x2F && i + 1 < n && bytes[i + 1] == 0x3E) {
                            let j = b == 0x3E ? i + 1 : i + 2
                            emit(.keyword, i, j)
                            inTag = false
                            i = j
                            continue
                        }
                        if b == 0x22 || b == 0x27 {
                            var j = i + 1
                            while j < n, bytes[j] != b { j += 1 }
                            j = min(n, j + 1)
                            emit(.string, i, j)
                            i = j
                            continue
                        }
                        if Self.isIdentStart(b) {
                            var j = i
                            while j < n, Self.isIdent(bytes[j]) || bytes[j] == 0x2D || bytes[j] == 0x3A { j += 1 }
                            emit(.key, i, j)
                            i = j
                            continue
                        }
                    }
                    i += 1
                    continue
                }
                if lang.quotes[Int(b)] {
                    let triple = lang.language.tripleQuotes && i + 2 < n && bytes[i + 1] == b && bytes[i + 2] == b
                    // A Rust lifetime or a Swift/Go character is still a short string; an
                    // apostrophe inside a word (YAML, shell prose) is not a string.
                    if b == 0x27, i > 0, Self.isIdent(bytes[i - 1]), lang.isYAML || lang.isShell || lang.isRust {
                        i += 1
                        continue
                    }
                    let j = stringEnd(i, quote: b, triple: triple)
                    var k = j
                    while k < n, bytes[k] == 0x20 { k += 1 }
                    let isKey = lang.language.keys && k < n && bytes[k] == 0x3A
                    emit(isKey ? .key : .string, i, j)
                    i = j
                    continue
                }
                if lang.language.variables, b == 0x24, i + 1 < n {
                    var j = i + 1
                    if bytes[j] == 0x7B {
                        while j < n, bytes[j] != 0x7D, bytes[j] != 0x0A { j += 1 }
                        j = min(n, j + 1)
                    } else {
                        while j < n, Self.isIdent(bytes[j]) { j += 1 }
                    }
                    if j > i + 1 {
                        emit(.literal, i, j)
                        i = j
                        continue
                    }
                }
                if Self.isDigit(b), i == 0 || !Self.isIdent(bytes[i - 1]) {
                    var j = i + 1
                    while j < n, Self.isIdent(bytes[j]) || bytes[j] == 0x2E && j + 1 < n && Self.isDigit(bytes[j + 1]) { j += 1 }
                    emit(.number, i, j)
                    i = j
                    continue
                }
                if Self.isIdentStart(b) || (lang.isYAML && atLineStart) {
                    var j = i
                    while j < n, Self.isIdent(bytes[j]) || (lang.isYAML && (bytes[j] == 0x2D || bytes[j] == 0x2E)) { j += 1 }
                    if j == i {
                        i += 1
                        continue
                    }
                    var k = j
                    while k < n, bytes[k] == 0x20 { k += 1 }
                    let next: UInt8? = k < n ? bytes[k] : nil
                    let kind: Kind?
                    if lang.language.keys, lang.isYAML, atLineStart || (i >= 2 && bytes[i - 2] == 0x2D && bytes[i - 1] == 0x20), next == 0x3A {
                        kind = .key
                    } else if let word = lang.kind(bytes, i..<j) {
                        kind = word
                    } else if next == 0x28, !lang.language.keys, !lang.isShell {
                        kind = .function
                    } else if lang.language.capitalisedTypes, bytes[i] >= 0x41, bytes[i] <= 0x5A {
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
        }
    }
}
