import ChronicleHTMLSafety
import Mustache

/// How the templates' `{{…}}` escape: byte by byte over UTF-8, like ``EventHTMLWriter``.
///
/// Mustache's own HTML escaping compares whole grapheme clusters, so a quote or angle bracket
/// followed by a combining mark (`"\u{301}`) is one `Character` that matches nothing and passes
/// unescaped: out of an attribute value. ``TemplateSet`` starts every template with this
/// content type's pragma, so no template (embedded or from `--templates`) escapes the other way.
struct EscapingContentType: MustacheContentType {
    /// The name the `CONTENT_TYPE` pragma refers to, registered on first use.
    static let name: String = {
        MustacheContentTypes.register(EscapingContentType(), named: "CHRONICLE_HTML")
        return "CHRONICLE_HTML"
    }()

    /// The line put before every template's text: a standalone pragma, removed with its line
    /// break, so the template renders exactly as written.
    static var pragmaLine: String { "{{% CONTENT_TYPE: \(name)}}\n" }

    func escapeText(_ text: String) -> String {
        HTMLSanitizer.escapeAttribute(text)
    }
}
