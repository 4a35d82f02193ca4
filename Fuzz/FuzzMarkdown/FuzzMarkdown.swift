import ChronicleFuzzSupport
import ChronicleHTMLSafety
import ChronicleMarkdown

private let allowedElements: Set<String> = [
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd",
    "samp", "em", "strong", "del", "s", "ins", "sub", "sup", "a", "img", "ul", "ol", "li",
    "input", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "details", "summary", "dl",
    "dt", "dd", "span", "div",
]
private let voidElements: Set<String> = ["br", "hr", "img", "input"]
private let allowedAttributes: Set<String> = [
    "href", "title", "rel", "src", "alt", "width", "height", "class", "start", "type", "checked", "disabled",
]
/// The deepest nesting the writer emits (`HTMLElementRules.maxEmittedDepth`).
private let maxDepth = 100

private func isNameByte(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }

/// `value` with the character references the writer produces decoded, lowercased, without
/// ASCII whitespace and control characters: what a browser takes the scheme from.
private func schemeView(_ value: [UInt8]) -> String {
    var text = String(decoding: value, as: UTF8.self)
    for (entity, replacement) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
        text = text.replacingAll(entity, with: replacement)
    }
    return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8), t = Array(target.utf8), r = Array(replacement.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + t.count <= bytes.count && bytes[i..<i + t.count].elementsEqual(t) {
                out += r
                i += t.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Checks `html` is made only of allowlisted, well-nested tags with allowlisted attributes,
/// escaped text, and no script-capable URL.
private func check(_ html: String, source: String) {
    let b = Array(html.utf8)
    var stack: [String] = []
    var i = 0
    func fail(_ why: String) -> Never {
        fuzzFailure("\(why) at \(i) in output \(html.debugDescription) from \(source.debugDescription)")
    }
    while i < b.count {
        guard b[i] == 0x3C else {
            if b[i] == 0 { fail("NUL byte") }
            i += 1
            continue
        }
        i += 1
        let closing = i < b.count && b[i] == 0x2F
        if closing { i += 1 }
        let nameStart = i
        while i < b.count && isNameByte(b[i]) { i += 1 }
        let name = String(decoding: b[nameStart..<i], as: UTF8.self)
        if !allowedElements.contains(name) { fail("element '\(name)' not allowed") }
        if closing {
            guard i < b.count, b[i] == 0x3E else { fail("malformed end tag") }
            i += 1
            guard stack.popLast() == name else { fail("end tag </\(name)> does not close the open element") }
            continue
        }
        while i < b.count && b[i] == 0x20 {
            i += 1
            let attributeStart = i
            while i < b.count && isNameByte(b[i]) { i += 1 }
            let attribute = String(decoding: b[attributeStart..<i], as: UTF8.self)
            if attribute.hasPrefix("on") || !allowedAttributes.contains(attribute) { fail("attribute '\(attribute)'") }
            if i < b.count && b[i] == 0x3D {
                guard i + 1 < b.count, b[i + 1] == 0x22 else { fail("unquoted attribute value") }
                i += 2
                let valueStart = i
                while i < b.count && b[i] != 0x22 {
                    if b[i] == 0x3C { fail("'<' in an attribute value") }
                    i += 1
                }
                guard i < b.count else { fail("unterminated attribute value") }
                let value = Array(b[valueStart..<i])
                i += 1
                if attribute == "href" || attribute == "src" {
                    let view = schemeView(value)
                    for scheme in ["javascript:", "vbscript:", "file:"] where view.hasPrefix(scheme) {
                        fail("\(attribute) with scheme \(scheme)")
                    }
                    if attribute == "href" && view.hasPrefix("data:") { fail("href with data:") }
                }
            }
        }
        guard i < b.count, b[i] == 0x3E else { fail("malformed start tag") }
        i += 1
        if !voidElements.contains(name) {
            stack.append(name)
            if stack.count > maxDepth { fail("nesting deeper than \(maxDepth)") }
        }
    }
    if !stack.isEmpty { fuzzFailure("unclosed elements \(stack) in output \(html.debugDescription) from \(source.debugDescription)") }
}

/// Input: a mode byte, then text. Even modes render it as Markdown, odd modes sanitize it as
/// HTML. Invariants: the output is allowlisted, well-nested HTML with no script, no `on*`
/// attribute, no javascript:/vbscript: URL; sanitizing the output again changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    let text = String(decoding: input.rest(), as: UTF8.self)
    let html = mode & 1 == 0 ? MarkdownRenderer.safeHTML(text) : HTMLSanitizer.sanitize(text)
    check(html, source: text)
    // The preformatted fallback for texts past the Markdown limits carries the renderer's own
    // class, which the allowlist does not take from input (`pre` keeps only `language-…`).
    let fallback = "<pre class=\"long-text\">"
    let expected = html.hasPrefix(fallback) ? "<pre>" + html.dropFirst(fallback.count) : html
    let again = HTMLSanitizer.sanitize(html)
    if again != expected {
        fuzzFailure("sanitizing the output changes it: \(html.debugDescription) → \(again.debugDescription) from \(text.debugDescription)")
    }
    return 0
}
