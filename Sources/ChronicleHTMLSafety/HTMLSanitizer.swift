internal import CLibXML2

/// Turns untrusted HTML fragments into safe HTML by parsing them with libxml2 and rebuilding
/// them from an allowlist (the subset a GitHub-flavoured Markdown renderer produces).
///
/// Nothing from the input is passed through verbatim: every tag, attribute and text node in
/// the output is written by this type's own serialiser, with ``escapeText(_:)`` and
/// ``escapeAttribute(_:)``. The output is deterministic and idempotent
/// (`sanitize(sanitize(x)) == sanitize(x)`).
public enum HTMLSanitizer {
    /// libxml2 global initialisation, performed once (thread-safe lazy static).
    private static let libraryInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// The classes a `span` may carry: the code highlighter's token kinds (`hl-*`) and the
    /// language label of a code block (`code-lang`). Nothing else.
    public static let highlightClasses: Set<String> = ["hl-k", "hl-s", "hl-n", "hl-c", "hl-t", "hl-f", "hl-l", "hl-a", "code-lang"]

    /// Parses `fragment` with libxml2's HTML parser as a body fragment and rebuilds safe HTML
    /// from the allowlist.
    ///
    /// Parsing uses `HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING` with a fixed
    /// UTF-8 encoding (a `<meta charset>` in the input cannot switch it). `HTML_PARSE_NOIMPLIED`
    /// is deliberately *not* used: with it libxml2 drops text that is not inside an element.
    /// Instead the input is prefixed with `<body>` (so leading text is body content and not
    /// wrapped in an implied `<p>`), the implied `html`/`body` wrappers are unwrapped and any
    /// `head` is dropped. libxml2's own limits stay on: a single text node longer than
    /// 10,000,000 bytes is truncated, and parsing stops at a tree depth of 256.
    ///
    /// - Allowed elements keep only their allowlisted attributes, in a fixed order; links get
    ///   `rel="noopener noreferrer nofollow"`; task-list checkboxes are always `disabled`.
    /// - Other elements are unwrapped (their text is kept, escaped), except `script`, `style`,
    ///   `iframe`, `object`, `embed`, `form`, `meta`, `base`, `link`, `template`, `noscript`,
    ///   `textarea`, `title`, `svg`, `math`, `frame`, `frameset`, `applet` (and `noembed`,
    ///   `noframes`), which are dropped with their whole content.
    /// - Comments, CDATA sections, processing instructions and doctypes are dropped.
    /// - Nesting deeper than 100 allowed elements is flattened (text kept); content beyond
    ///   libxml2's depth limit of 256 is lost.
    /// - An allowed element that libxml2 would not nest inside its (emitted) parent — e.g. a
    ///   `div` that ends up directly inside a `p` after an unknown wrapper was removed — is
    ///   unwrapped too, so the output re-parses to the same tree.
    ///
    /// Never throws: input libxml2 cannot parse degrades to escaped text.
    /// - Parameters:
    ///   - fragment: Untrusted HTML.
    ///   - policy: URL policy; ``HTMLSanitizerPolicy/transcript`` by default.
    /// - Returns: Safe HTML.
    public static func sanitize(_ fragment: String, policy: HTMLSanitizerPolicy = .transcript) -> String {
        // Clean first so NUL and other controls never reach libxml2 (NUL would truncate input).
        let cleaned = HTMLCharacterFilter.process(fragment, mode: .clean)
        return rebuild(cleaned, policy: policy) ?? escapeText(cleaned)
    }

    /// Escapes `s` for use as an HTML text node.
    ///
    /// Escapes `&`, `<`, `>` and `"`. Also cleans the text: drops C0 controls except `\t` and
    /// `\n` (`\r\n` and `\r` become `\n`), DEL, C1 controls (U+0080–U+009F) and Unicode
    /// noncharacters (U+FDD0–U+FDEF, U+xxFFFE/U+xxFFFF); U+2028 and U+2029 become `\n`.
    /// Lone surrogates cannot occur in a Swift `String`: invalid UTF-8 in the input was already
    /// replaced with U+FFFD when the string was decoded upstream.
    public static func escapeText(_ s: String) -> String {
        HTMLCharacterFilter.process(s, mode: .text)
    }

    /// Cleans `s` like ``escapeText(_:)`` without escaping anything: for text that a template
    /// engine escapes afterwards.
    public static func cleanText(_ s: String) -> String {
        HTMLCharacterFilter.process(s, mode: .clean)
    }

    /// Escapes `s` for use inside a double-quoted attribute value.
    ///
    /// Escapes `&`, `<`, `>`, `"` and `'`, and cleans the text exactly like ``escapeText(_:)``.
    public static func escapeAttribute(_ s: String) -> String {
        HTMLCharacterFilter.process(s, mode: .attribute)
    }

    /// Appends `s` to `out` escaped and cleaned exactly like ``escapeAttribute(_:)`` (safe in a
    /// text node and in a double-quoted attribute value), working on its UTF-8 bytes.
    public static func appendEscapedAttribute(_ s: String, to out: inout [UInt8]) {
        HTMLCharacterFilter.append(s, mode: .attribute, to: &out)
    }

    /// Parses and rebuilds; `nil` if libxml2 returned no document.
    private static func rebuild(_ html: String, policy: HTMLSanitizerPolicy) -> String? {
        guard libraryInitialized else { return nil }
        // An explicit <body> start tag makes libxml2 treat the input as body content; without
        // it, leading text would be wrapped in an implied <p>.
        var bytes = Array("<body>".utf8)
        bytes.append(contentsOf: html.utf8)
        guard bytes.count < Int(Int32.max) else { return nil }
        bytes.append(0)
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        )
        let length = Int32(bytes.count - 1)
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, length, nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { return nil }
        defer { xmlFreeDoc(document) }
        var serializer = HTMLTreeSerializer(policy: policy)
        document.withMemoryRebound(to: xmlNode.self, capacity: 1) { node in
            serializer.serializeChildren(of: node, treeDepth: 0)
        }
        return serializer.output
    }
}
