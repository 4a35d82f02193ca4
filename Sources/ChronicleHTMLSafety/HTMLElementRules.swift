/// The element allowlist and the nesting rules the sanitizer enforces.
enum HTMLElementRules {
    /// Elements that are rebuilt (with their allowlisted attributes only).
    static let names: [String] = [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd",
        "samp", "em", "strong", "del", "s", "ins", "sub", "sup", "a", "img", "ul", "ol", "li",
        "input", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary", "dl",
        "dt", "dd", "span", "div",
    ]

    /// Each allowlisted element's index in ``names``.
    static let indices: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// Elements whose attributes ``HTMLAttributeRules`` looks at; all others are written bare.
    static let withAttributes: Set<String> = ["a", "img", "th", "td", "ol", "code", "pre", "input", "span"]

    /// Allowlisted elements that have no content and no end tag.
    static let void: Set<String> = ["br", "hr", "img", "input"]

    /// Elements dropped together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "form", "meta", "base", "link", "template",
        "noscript", "textarea", "title", "svg", "math", "frame", "frameset", "applet",
        "noembed", "noframes", "head",
    ]

    /// Maximum nesting depth of *emitted* elements; deeper elements are unwrapped (text kept).
    /// Well below libxml2's parser depth limit (256) so the output re-parses identically.
    static let maxEmittedDepth = 100
}
