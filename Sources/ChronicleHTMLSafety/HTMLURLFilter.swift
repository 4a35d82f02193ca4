/// Validates URL attribute values (`a[href]`, `img[src]`).
enum HTMLURLFilter {
    /// Which attribute the URL comes from.
    enum Usage {
        case link
        case image
    }

    private static let dataImagePrefixes = [
        "data:image/png;base64,", "data:image/jpeg;base64,", "data:image/gif;base64,",
        "data:image/webp;base64,",
    ]

    /// Returns the cleaned URL to emit, or `nil` when the attribute must be dropped.
    ///
    /// The value is first cleaned exactly as the attribute escaper will clean it, so the string
    /// that is checked is the string that is emitted. Any value with a tab or newline after
    /// trimming is rejected (browsers delete those inside URLs, which would defeat the scheme
    /// check, e.g. `java\tscript:`). A `:` before the first `/`, `?` or `#` means "has a
    /// scheme", and the scheme must then be `http`, `https`, `mailto` (links only) or an
    /// allowlisted `data:image/…;base64,` (images only, if the policy allows).
    static func filter(_ raw: String, usage: Usage, policy: HTMLSanitizerPolicy) -> String? {
        // Most links are written out as they come: an http(s) URL of printable ASCII, which the
        // rules below would keep unchanged.
        if isPlainWebURL(raw) { return raw }
        return filterByRules(raw, usage: usage, policy: policy)
    }

    /// What ``filter(_:usage:policy:)`` returns, from its rules alone (no shortcut).
    static func filterByRules(_ raw: String, usage: Usage, policy: HTMLSanitizerPolicy) -> String? {
        let cleaned = HTMLCharacterFilter.process(raw, mode: .clean)
        let url = trimASCIIWhitespace(cleaned)
        if url.isEmpty { return nil }
        if url.contains(where: { $0 == "\t" || $0 == "\n" }) { return nil }

        if let scheme = scheme(of: url) {
            switch scheme {
            case "http", "https":
                return url
            case "mailto":
                return usage == .link ? url : nil
            case "data":
                guard usage == .image, policy.allowDataImages, isAllowedDataImage(url) else { return nil }
                return url
            default:
                return nil
            }
        }
        // Relative URL: hard rules first, then the policy.
        if url.hasPrefix("//") || url.contains("\\") { return nil }
        for scalar in url.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            return nil
        }
        return policy.allowsRelativeURL(url) ? url : nil
    }

    /// Whether `raw` starts with `http://` or `https://` and holds only printable ASCII (no
    /// space, no control): nothing to clean or trim, and an allowed scheme.
    static func isPlainWebURL(_ raw: String) -> Bool {
        var raw = raw
        return raw.withUTF8 { bytes in
            guard bytes.starts(with: "https://".utf8) || bytes.starts(with: "http://".utf8) else { return false }
            return !bytes.contains { $0 < 0x21 || $0 > 0x7E }
        }
    }

    /// The lowercased scheme if the URL has one. A string with a `:` before any `/`, `?`, `#`
    /// is treated as having a scheme; if that "scheme" is not a syntactically valid one, the
    /// returned value is a marker that matches no allowed scheme.
    static func scheme(of url: String) -> String? {
        var candidate = String.UnicodeScalarView()
        for scalar in url.unicodeScalars {
            switch scalar {
            case ":":
                let s = String(candidate).lowercased()
                return isValidScheme(s) ? s : "\u{0}invalid"
            case "/", "?", "#":
                return nil
            default:
                candidate.append(scalar)
            }
        }
        return nil
    }

    private static func isValidScheme(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "+" || c == "-" || c == "."
        }
    }

    private static func isAllowedDataImage(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard let prefix = dataImagePrefixes.first(where: { lower.hasPrefix($0) }) else { return false }
        let payload = url.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
        if payload.isEmpty { return false }
        return payload.allSatisfy { c in
            ("A"..."Z").contains(c) || ("a"..."z").contains(c) || ("0"..."9").contains(c)
                || c == "+" || c == "/" || c == "="
        }
    }

    /// Trims HTML whitespace (space, tab, LF, FF, CR) from both ends.
    static func trimASCIIWhitespace(_ s: String) -> String {
        let scalars = s.unicodeScalars
        let isWS: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" || $0 == "\r" }
        guard let start = scalars.firstIndex(where: { !isWS($0) }),
              let end = scalars.lastIndex(where: { !isWS($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
