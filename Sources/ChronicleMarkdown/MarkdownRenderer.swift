internal import CCmarkGFM

/// GitHub-flavoured Markdown to HTML with cmark-gfm: tables, strikethrough, autolinks and task
/// lists, in cmark-gfm's safe mode (raw HTML and dangerous URLs are replaced, never emitted).
///
/// The output is *not* trusted: callers still pass it through `HTMLSanitizer.sanitize`.
public enum MarkdownRenderer {
    /// The cmark-gfm extensions attached to every parser.
    public static let extensions = ["table", "strikethrough", "autolink", "tasklist"]

    /// Registers cmark-gfm's core extensions once (thread-safe lazy static).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Renders `markdown` to an HTML fragment. Never fails: if cmark-gfm cannot allocate, the
    /// result is `nil` and the caller shows the text escaped instead.
    public static func html(_ markdown: String) -> String? {
        guard registered else { return nil }
        // CMARK_OPT_UNSAFE is deliberately absent: raw HTML becomes a comment, javascript:/vbscript:/
        // file:/data: (except images) URLs become empty.
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            guard let ext = cmark_find_syntax_extension(name) else { continue }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        let bytes = Array(markdown.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return nil }
        defer { ccmarkgfm_free(rendered) }
        return String(cString: rendered)
    }
}
