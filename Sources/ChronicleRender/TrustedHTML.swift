import Mustache

/// An HTML fragment Chronicle built itself or rebuilt with `HTMLSanitizer.sanitize`: the only
/// kind of value the templates insert unescaped (`{{{…}}}`). With `{{…}}` it is escaped like
/// any text, so a template mistake can never pass data through.
struct TrustedHTML: MustacheCustomRenderable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { html.isEmpty }
}
