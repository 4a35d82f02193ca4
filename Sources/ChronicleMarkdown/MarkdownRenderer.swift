internal import CCmarkGFM
internal import ChronicleByteWords
import ChronicleHTMLSafety
import Synchronization

/// GitHub-flavoured Markdown to HTML with cmark-gfm: tables, strikethrough, autolinks and task
/// lists, in cmark-gfm's safe mode (raw HTML and dangerous URLs are replaced, never emitted).
public enum MarkdownRenderer {
    /// The cmark-gfm extensions attached to every parser.
    public static let extensions = ["table", "strikethrough", "autolink", "tasklist"]

    /// CMARK_OPT_UNSAFE is deliberately absent: raw HTML becomes a comment, javascript:/vbscript:/
    /// file:/data: (except images) URLs become empty. CMARK_OPT_VALIDATE_UTF8 is absent too: the
    /// input is always a Swift `String`, valid UTF-8 already (cmark-gfm replaces NUL either way).
    private static let options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG

    /// Registers cmark-gfm's core extensions once (thread-safe lazy static).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// ``extensions`` as cmark-gfm's registry holds them, found once (as addresses: a pointer is
    /// not `Sendable`), not by name (a C string made and compared) for every parse.
    private static let extensionAddresses: [UInt] = {
        guard registered else { return [] }
        return extensions.compactMap { name in cmark_find_syntax_extension(name).map { UInt(bitPattern: $0) } }
    }()

    /// Renders `markdown` to a safe HTML fragment: the document tree is written through the
    /// sanitizer's allowlist directly (``MarkdownTreeWriter``), or, for the rare tree that
    /// writer does not take as it stands, rendered by cmark-gfm and passed through
    /// `HTMLSanitizer.sanitize`. The two give the same HTML wherever both apply.
    public static func safeHTML(_ markdown: String) -> String {
        var out: [UInt8] = []
        appendSafeHTML(markdown, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The largest text rendered as Markdown, in UTF-8 bytes. Past it, or with one line longer
    /// than ``maxMarkdownLineBytes`` or with more `|` than ``maxMarkdownLinePipes``, a text is
    /// shown preformatted and escaped instead: cmark-gfm
    /// amplifies some inputs (16 MB of `[` took 4.2 GB of memory, a 1 MB table row 18 s), and
    /// the memory of an export must stay bounded by its largest record.
    public static let maxMarkdownBytes = 128 << 10
    /// The longest line rendered as Markdown (a table row's cost grows with the square of it).
    public static let maxMarkdownLineBytes = 32 << 10
    /// The most `|` in one line rendered as Markdown. cmark-gfm's table parser takes time
    /// quadratic in a row's cells: 128 KB of rows of 32 KB of `|a` took 2.1 s of CPU (16 s per MB)
    /// within the byte limits above; with at most 256 cells a row, under 0.05 s.
    public static let maxMarkdownLinePipes = 256

    /// Whether `markdown` is within the sizes rendered as Markdown. Eight bytes without `|` or a
    /// line feed are passed over at once (``ByteWords``).
    static func isRenderable(_ markdown: String) -> Bool {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            guard bytes.count <= maxMarkdownBytes else { return false }
            guard let p = bytes.baseAddress else { return true }
            let n = bytes.count
            var lineStart = 0
            var pipes = 0
            var i = 0
            // A pipe or a line feed at `j`: false when the line is over a limit.
            func counts(_ j: Int) -> Bool {
                if p[j] == 0x7C {
                    pipes += 1
                    return pipes <= maxMarkdownLinePipes
                }
                if j - lineStart > maxMarkdownLineBytes { return false }
                lineStart = j + 1
                pipes = 0
                return true
            }
            // Eight bytes at a time, visiting only the pipes and line feeds (a mask of them).
            while i + 8 <= n {
                let word = ByteWords.load(p, at: i)
                var found = ByteWords.lanes(equalTo: 0x7C, in: word) | ByteWords.lanes(equalTo: 0x0A, in: word)
                while found != 0 {
                    guard counts(i + found.trailingZeroBitCount >> 3) else { return false }
                    found &= found &- 1
                }
                i += 8
            }
            while i < n {
                if p[i] == 0x7C || p[i] == 0x0A, !counts(i) { return false }
                i += 1
            }
            return n - lineStart <= maxMarkdownLineBytes
        }
    }

    /// Appends what ``safeHTML(_:)`` returns to `out`, as UTF-8 bytes (no `String` in between).
    public static func appendSafeHTML(_ markdown: String, to out: inout [UInt8]) {
        guard isRenderable(markdown) else {
            out.append(contentsOf: "<pre class=\"long-text\">".utf8)
            out.append(contentsOf: HTMLSanitizer.escapeText(markdown).utf8)
            out.append(contentsOf: "</pre>".utf8)
            return
        }
        let written: Bool? = withDocument(markdown) { document, parser in
            if MarkdownTreeWriter.append(document, to: &out) { return true }
            guard let html = renderHTML(document, parser) else { return nil }
            out.append(contentsOf: HTMLSanitizer.sanitize(html).utf8)
            return true
        }
        if written == nil {
            out.append(contentsOf: "<p>".utf8)
            out.append(contentsOf: HTMLSanitizer.escapeText(markdown).utf8)
            out.append(contentsOf: "</p>".utf8)
        }
    }

    /// The HTML ``MarkdownTreeWriter`` writes for `markdown`, or `nil` where ``safeHTML(_:)``
    /// takes the sanitizer's path (for tests that compare the two).
    static func treeHTML(_ markdown: String) -> String? {
        withDocument(markdown) { document, _ in MarkdownTreeWriter.html(of: document).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// Renders `markdown` to an HTML fragment with cmark-gfm's own renderer. Never fails: if
    /// cmark-gfm cannot allocate, the result is `nil`.
    ///
    /// The output is *not* trusted: callers pass it through `HTMLSanitizer.sanitize`.
    public static func html(_ markdown: String) -> String? {
        withDocument(markdown) { document, parser in renderHTML(document, parser) }
    }

    private static func renderHTML(_ document: OpaquePointer, _ parser: OpaquePointer) -> String? {
        // Allocated in the parse's arena (the document's allocator), released with it.
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return nil }
        return String(cString: rendered)
    }

    /// Held while cmark-gfm parses inlines. Its inline parser keeps the table of special
    /// characters in a process-wide array, to which each parse adds its extensions' characters
    /// (`~` for strikethrough, those that start autolinks) before parsing inlines and from
    /// which it removes them after (`process_inlines`, run by `cmark_parser_finish`): two
    /// parses at once, as in an export rendering sessions in parallel, make one lose
    /// strikethrough and autolinks at random. Block parsing (`cmark_parser_feed`) reads no
    /// such table and runs outside the lock, as do walking and rendering the finished tree.
    private static let parsing = Mutex(())

    /// Parses `markdown` and hands the document (and its parser) to `body`.
    private static func withDocument<T>(_ markdown: String, _ body: (_ document: OpaquePointer, _ parser: OpaquePointer) -> T?) -> T? {
        guard registered else { return nil }
        // Every allocation of the parse, the tree and its walk comes from this thread's arena,
        // released after the parser and the document are freed (defers run in reverse).
        ccmarkgfm_arena_begin()
        defer { ccmarkgfm_arena_end() }
        guard let parser = cmark_parser_new_with_mem(options, ccmarkgfm_arena_mem()) else { return nil }
        defer { cmark_parser_free(parser) }
        for address in extensionAddresses {
            guard let ext = OpaquePointer(bitPattern: address) else { continue }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        var markdown = markdown
        markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        // The parser and document cross the lock as addresses (a pointer is not `Sendable`).
        let parserAddress = UInt(bitPattern: parser)
        let address = parsing.withLock { _ -> UInt in
            guard let parser = OpaquePointer(bitPattern: parserAddress) else { return 0 }
            return UInt(bitPattern: cmark_parser_finish(parser))
        }
        guard let document = OpaquePointer(bitPattern: address) else { return nil }
        defer { cmark_node_free(document) }
        return body(document, parser)
    }
}
