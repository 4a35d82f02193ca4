/// Per-element attribute allowlist; produces attributes in a fixed, deterministic order.
enum HTMLAttributeRules {
    /// Value for `rel` on every emitted link.
    static let linkRel = "noopener noreferrer nofollow"

    /// Rebuilds the attributes for `element` from `attributes`.
    ///
    /// Returns `nil` when the whole element must be dropped (e.g. an `input` that is not a
    /// checkbox). A `nil` value in the result means a boolean attribute written without value.
    static func rebuild(
        element: String,
        attributes: [String: String],
        policy: HTMLSanitizerPolicy
    ) -> [(String, String?)]? {
        switch element {
        case "a":
            var result: [(String, String?)] = []
            let href = attributes["href"].flatMap { HTMLURLFilter.filter($0, usage: .link, policy: policy) }
            if let href { result.append(("href", href)) }
            if let title = attributes["title"] { result.append(("title", title)) }
            // `rel` only on a link that has a target: HTML forbids it on an `a` without `href`.
            if href != nil { result.append(("rel", linkRel)) }
            return result
        case "img":
            var result: [(String, String?)] = []
            if let src = attributes["src"], let url = HTMLURLFilter.filter(src, usage: .image, policy: policy) {
                result.append(("src", url))
            }
            for name in ["alt", "title"] {
                if let value = attributes[name] { result.append((name, value)) }
            }
            for name in ["width", "height"] {
                if let value = attributes[name], let number = digits(value, maxLength: 5) {
                    result.append((name, number))
                }
            }
            return result
        case "th", "td":
            // Column alignment (cmark-gfm writes the obsolete `align`) becomes a class the
            // stylesheet knows; the class itself is accepted too, so sanitising is idempotent.
            if let align = attributes["align"] {
                let normalized = HTMLURLFilter.trimASCIIWhitespace(align).lowercased()
                if ["left", "center", "right"].contains(normalized) { return [("class", "align-" + normalized)] }
            }
            if let cls = attributes["class"] {
                let trimmed = HTMLURLFilter.trimASCIIWhitespace(cls)
                if ["align-left", "align-center", "align-right"].contains(trimmed) { return [("class", trimmed)] }
            }
            return []
        case "ol":
            if let start = attributes["start"], let number = digits(start, maxLength: 9) {
                return [("start", number)]
            }
            return []
        case "code", "pre":
            if let cls = attributes["class"] {
                let trimmed = HTMLURLFilter.trimASCIIWhitespace(cls)
                if isLanguageClass(trimmed) { return [("class", trimmed)] }
            }
            // cmark-gfm writes a fence's language as `<pre lang="swift">`: kept as the class
            // the tree writer gives it.
            if element == "pre", let lang = attributes["lang"] {
                let cls = "language-" + HTMLURLFilter.trimASCIIWhitespace(lang)
                if isLanguageClass(cls) { return [("class", cls)] }
            }
            return []
        case "span":
            // Only the classes of the code highlighter and its language label.
            if let cls = attributes["class"] {
                let trimmed = HTMLURLFilter.trimASCIIWhitespace(cls)
                if HTMLSanitizer.highlightClasses.contains(trimmed) { return [("class", trimmed)] }
            }
            return []
        case "input":
            guard let type = attributes["type"],
                  HTMLURLFilter.trimASCIIWhitespace(type).lowercased() == "checkbox"
            else { return nil }
            var result: [(String, String?)] = [("type", "checkbox")]
            if attributes["checked"] != nil { result.append(("checked", nil)) }
            result.append(("disabled", nil))
            return result
        default:
            return []
        }
    }

    /// `^language-[A-Za-z0-9_+-]{1,40}$`
    static func isLanguageClass(_ s: String) -> Bool {
        let prefix = "language-"
        guard s.hasPrefix(prefix) else { return false }
        let rest = s.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
        guard (1...40).contains(rest.count) else { return false }
        return rest.allSatisfy { c in
            ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c)
                || c == "_" || c == "+" || c == "-"
        }
    }

    /// The trimmed value if it is 1…`maxLength` ASCII digits.
    private static func digits(_ s: String, maxLength: Int) -> String? {
        let trimmed = HTMLURLFilter.trimASCIIWhitespace(s)
        guard (1...maxLength).contains(trimmed.unicodeScalars.count),
              trimmed.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        return trimmed
    }
}
