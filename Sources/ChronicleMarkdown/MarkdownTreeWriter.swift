internal import CCmarkGFM
import ChronicleHTMLSafety
#if canImport(Glibc)
import Glibc
#endif

/// Writes a cmark-gfm document tree straight through the sanitizer's allowlist writer.
///
/// It produces what `HTMLSanitizer.sanitize(cmark_render_html(tree))` produces, without
/// rendering HTML and parsing it back with libxml2: for each node it opens the element
/// cmark-gfm's HTML renderer would write, with the attributes libxml2 would read from it (link
/// destinations escaped as cmark-gfm escapes them), and the text and line breaks in between.
/// Whenever the allowlist would not write an element as it stands (a nesting libxml2 would
/// rearrange, depth over the limit), or the tree holds a node it does not know, it gives up
/// and the caller takes the sanitizer's path; a differential test holds the two paths equal.
struct MarkdownTreeWriter {
    private var writer = SafeHTMLWriter(policy: .transcript)
    /// Whether cmark-gfm's renderer would have written anything yet, and whether its last
    /// byte was a line break: its `cr()` writes one only after other content.
    private var wroteAnything = false
    private var endsWithNewline = false
    /// Table state, as cmark-gfm's table renderer keeps it.
    private var needsClosingTableBody = false
    private var inTableHeader = false
    /// The column of the next cell in the current row.
    private var column = 0

    /// The safe HTML of `document`, or `nil` where the sanitizer's path must be taken.
    static func html(of document: OpaquePointer) -> [UInt8]? {
        var out: [UInt8] = []
        return append(document, to: &out) ? out : nil
    }

    /// Appends the safe HTML of `document` to `out`, written straight into it; `false`, with
    /// `out` as it was, where the sanitizer's path must be taken.
    static func append(_ document: OpaquePointer, to out: inout [UInt8]) -> Bool {
        let start = out.count
        var walker = MarkdownTreeWriter()
        walker.writer.exchangeOutput(with: &out)
        let written = walker.walk(document)
        walker.writer.exchangeOutput(with: &out)
        if !written { out.removeSubrange(start...) }
        return written
    }

    /// Visits every node of `document`; `false` at the first the writer cannot write.
    private mutating func walk(_ document: OpaquePointer) -> Bool {
        guard let iterator = cmark_iter_new(document) else { return false }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return true }
            guard let node = cmark_iter_get_node(iterator) else { return false }
            let entering = event == CMARK_EVENT_ENTER
            guard visit(node, entering: entering) else { return false }
            if entering && cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                // The image's content became its alt text; skip to its end.
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
    }

    // MARK: - What cmark-gfm's renderer writes, element by element

    private mutating func newlineIfNeeded() {
        if wroteAnything && !endsWithNewline { text("\n") }
    }

    private mutating func text(_ s: String) {
        guard let last = s.utf8.last else { return }
        writer.text(s)
        wroteAnything = true
        endsWithNewline = last == 0x0A
    }

    /// A node's literal text, straight from cmark-gfm's NUL-terminated UTF-8 (validated).
    private mutating func literalText(_ node: OpaquePointer) {
        guard let raw = cmark_node_get_literal(node) else { return }
        let length = strlen(raw)
        guard length > 0 else { return }
        raw.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            writer.text(utf8: UnsafeBufferPointer(start: bytes, count: length))
            endsWithNewline = bytes[length - 1] == 0x0A
        }
        wroteAnything = true
    }

    /// An element the renderer writes; `false` if the allowlist would not write it as it is.
    private mutating func open(_ element: SafeHTMLWriter.Element, _ attributes: [String: String] = [:]) -> Bool {
        guard writer.open(element, attributes: attributes) == .written else { return false }
        wroteAnything = true
        endsWithNewline = false
        return true
    }

    /// An element whose start tag was recorded once (see ``SafeHTMLWriter/RecordedStartTag``).
    private mutating func open(_ tag: SafeHTMLWriter.RecordedStartTag?) -> Bool {
        guard let tag, writer.open(tag) == .written else { return false }
        wroteAnything = true
        endsWithNewline = false
        return true
    }

    private mutating func close() {
        writer.close()
        wroteAnything = true
        endsWithNewline = false
    }

    /// `<!-- raw HTML omitted -->`: written by the renderer, dropped by the sanitizer.
    private mutating func omittedHTML() {
        wroteAnything = true
        endsWithNewline = false
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool) -> Bool {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_DOCUMENT:
            return true
        case CMARK_NODE_PARAGRAPH:
            if Self.isInTightList(node) { return true }
            return block(.p, entering: entering)
        case CMARK_NODE_TEXT:
            literalText(node)
            return true
        case CMARK_NODE_SOFTBREAK:
            text("\n")
            return true
        case CMARK_NODE_LINEBREAK:
            guard open(.br) else { return false }
            text("\n")
            return true
        case CMARK_NODE_CODE:
            guard open(Self.codeTag) else { return false }
            literalText(node)
            close()
            return true
        case CMARK_NODE_EMPH:
            return inline(.em, entering: entering)
        case CMARK_NODE_STRONG:
            return inline(.strong, entering: entering)
        case CMARK_NODE_HEADING:
            let level = cmark_node_get_heading_level(node)
            guard (1...6).contains(level) else { return false }
            return block(.headings[Int(level) - 1], entering: entering)
        case CMARK_NODE_BLOCK_QUOTE:
            newlineIfNeeded()
            if entering {
                guard open(.blockquote) else { return false }
            } else {
                close()
            }
            text("\n")
            return true
        case CMARK_NODE_LIST:
            if entering {
                newlineIfNeeded()
                let start = cmark_node_get_list_start(node)
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                guard open(ordered ? .ol : .ul, ordered && start != 1 ? ["start": String(start)] : [:]) else { return false }
            } else {
                close()
            }
            text("\n")
            return true
        case CMARK_NODE_ITEM:
            let task = cmark_node_get_type_string(node).map { strcmp($0, "tasklist") == 0 } ?? false
            if entering {
                newlineIfNeeded()
                guard open(.li) else { return false }
                if task {
                    var attributes = ["type": "checkbox", "disabled": ""]
                    if cmark_gfm_extensions_get_tasklist_item_checked(node) { attributes["checked"] = "" }
                    guard open(.input, attributes) else { return false }
                    text(" ")  // cmark-gfm 0.29.0.gfm.6 writes `<input … /> `
                }
            } else {
                close()
                text("\n")
            }
            return true
        case CMARK_NODE_CODE_BLOCK:
            newlineIfNeeded()
            // cmark-gfm writes the fence's first word as `<pre lang="…">`; the sanitizer keeps it
            // as the class `language-…`. Known languages are highlighted here, at render time.
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let fence = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            guard !fence.isEmpty else {
                guard open(.pre), open(.code) else { return false }
                literalText(node)
                close()
                close()
                text("\n")
                return true
            }
            guard open(.pre, ["lang": fence]) else { return false }
            let language = CodeHighlighter.language(named: fence)
            if writer.open(.span, attributes: ["class": "code-lang"]) == .written {
                writer.text(language.name)
                writer.close()
            }
            guard open(.code) else { return false }
            if let raw = cmark_node_get_literal(node) {
                let length = strlen(raw)
                raw.withMemoryRebound(to: UInt8.self, capacity: length) { base in
                    writeHighlighted(UnsafeBufferPointer(start: base, count: length), language: fence)
                }
            }
            close()
            close()
            text("\n")
            return true
        case CMARK_NODE_HTML_BLOCK:
            newlineIfNeeded()
            omittedHTML()
            newlineIfNeeded()
            return true
        case CMARK_NODE_HTML_INLINE:
            omittedHTML()
            return true
        case CMARK_NODE_THEMATIC_BREAK:
            newlineIfNeeded()
            guard open(.hr) else { return false }
            text("\n")
            return true
        case CMARK_NODE_LINK:
            guard entering else {
                close()
                return true
            }
            var attributes = ["href": Self.destination(node)]
            if let title = Self.title(node) { attributes["title"] = title }
            return open(.a, attributes)
        case CMARK_NODE_IMAGE:
            guard entering else { return true }
            var attributes = ["src": Self.destination(node), "alt": Self.plainText(of: node)]
            if let title = Self.title(node) { attributes["title"] = title }
            return open(.img, attributes)
        default:
            return visitExtension(node, entering: entering)
        }
    }

    /// Nodes of the table and strikethrough extensions, as their HTML renderers write them.
    private mutating func visitExtension(_ node: OpaquePointer, entering: Bool) -> Bool {
        switch Self.extensionKind(node) {
        case .strikethrough:
            return inline(.del, entering: entering)
        case .table:
            if entering {
                newlineIfNeeded()
                guard open(.table) else { return false }
                needsClosingTableBody = false
            } else {
                if needsClosingTableBody {
                    newlineIfNeeded()
                    close()
                    newlineIfNeeded()
                }
                needsClosingTableBody = false
                newlineIfNeeded()
                close()
                newlineIfNeeded()
            }
            return true
        case .row:
            let header = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            if entering {
                column = 0
                newlineIfNeeded()
                if header {
                    inTableHeader = true
                    guard open(.thead) else { return false }
                    newlineIfNeeded()
                } else if !needsClosingTableBody {
                    guard open(.tbody) else { return false }
                    newlineIfNeeded()
                    needsClosingTableBody = true
                }
                return open(.tr)
            }
            newlineIfNeeded()
            close()
            if header {
                newlineIfNeeded()
                close()
                inTableHeader = false
            }
            return true
        case .cell:
            guard entering else {
                close()
                return true
            }
            newlineIfNeeded()
            let alignment = Self.alignment(ofCell: node, column: column)
            column += 1
            return open((inTableHeader ? Self.headerCellTags : Self.cellTags)[alignment])
        case nil:
            return false
        }
    }

    /// The extension nodes the writer knows.
    private enum ExtensionKind {
        case strikethrough, table, row, cell
    }

    /// Which extension node `node` is, read from its type name without making a string.
    private static func extensionKind(_ node: OpaquePointer) -> ExtensionKind? {
        guard let name = cmark_node_get_type_string(node) else { return nil }
        if strcmp(name, "table_cell") == 0 { return .cell }
        if strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0 { return .row }
        if strcmp(name, "table") == 0 { return .table }
        if strcmp(name, "strikethrough") == 0 { return .strikethrough }
        return nil
    }

    /// `<code>` with no attributes, as the allowlist writes it, recorded once.
    private static let codeTag = SafeHTMLWriter.RecordedStartTag(.code, attributes: [:], policy: .transcript)

    /// `<td>`/`<th>` as the allowlist writes them with cmark-gfm's `align` of each alignment
    /// (none, left, center, right), recorded once.
    private static let cellTags = alignmentTags(.td)
    private static let headerCellTags = alignmentTags(.th)

    private static func alignmentTags(_ element: SafeHTMLWriter.Element) -> [SafeHTMLWriter.RecordedStartTag?] {
        [nil, "left", "center", "right"].map { align in
            SafeHTMLWriter.RecordedStartTag(element, attributes: align.map { ["align": $0] } ?? [:], policy: .transcript)
        }
    }

    /// A code block's text with its highlighted tokens in `span`s, written from cmark-gfm's
    /// bytes (validated UTF-8) without a string per token.
    private mutating func writeHighlighted(_ code: UnsafeBufferPointer<UInt8>, language fence: String) {
        guard let tokens = CodeHighlighter.tokens(utf8: code, language: fence) else {
            writer.text(utf8: code)
            return
        }
        var plainStart = 0
        for token in tokens {
            if plainStart < token.range.lowerBound {
                writer.text(utf8: UnsafeBufferPointer(rebasing: code[plainStart..<token.range.lowerBound]))
            }
            let piece = UnsafeBufferPointer(rebasing: code[token.range])
            let written = Self.highlightTags[token.kind.ordinal].map { writer.element($0, text: piece) } ?? false
            if !written { writer.text(utf8: piece) }
            plainStart = token.range.upperBound
        }
        if plainStart < code.count { writer.text(utf8: UnsafeBufferPointer(rebasing: code[plainStart...])) }
    }

    /// Each highlight kind's `<span class="…">` as the allowlist writes it, recorded once.
    /// Indexed by ``CodeHighlighter/Kind/ordinal``.
    private static let highlightTags: [SafeHTMLWriter.RecordedStartTag?] = CodeHighlighter.Kind.allCases.map {
        SafeHTMLWriter.RecordedStartTag(.span, attributes: ["class": $0.rawValue], policy: .transcript)
    }

    private mutating func block(_ name: SafeHTMLWriter.Element, entering: Bool) -> Bool {
        if entering {
            newlineIfNeeded()
            return open(name)
        }
        close()
        text("\n")
        return true
    }

    private mutating func inline(_ name: SafeHTMLWriter.Element, entering: Bool) -> Bool {
        if entering { return open(name) }
        close()
        return true
    }

    // MARK: - Reading nodes

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func title(_ node: OpaquePointer) -> String? {
        guard let raw = cmark_node_get_title(node), raw.pointee != 0 else { return nil }
        return String(cString: raw)
    }

    /// cmark-gfm's renderer: a paragraph directly in an item of a tight list has no `<p>`.
    private static func isInTightList(_ paragraph: OpaquePointer) -> Bool {
        guard let parent = cmark_node_parent(paragraph), let grandparent = cmark_node_parent(parent),
              cmark_node_get_type(grandparent) == CMARK_NODE_LIST
        else { return false }
        return cmark_node_get_list_tight(grandparent) != 0
    }

    /// A cell's column alignment from its table, as cmark-gfm's table renderer reads it: 0 for
    /// none, 1 left, 2 center, 3 right. `column` is the cell's place in its row (the writer
    /// counts them as it goes, instead of walking back over the cells before it).
    private static func alignment(ofCell cell: OpaquePointer, column: Int) -> Int {
        guard let row = cmark_node_parent(cell), let table = cmark_node_parent(row),
              let alignments = cmark_gfm_extensions_get_table_alignments(table)
        else { return 0 }
        guard column < Int(cmark_gfm_extensions_get_table_columns(table)) else { return 0 }
        switch alignments[column] {
        case UInt8(ascii: "l"): return 1
        case UInt8(ascii: "c"): return 2
        case UInt8(ascii: "r"): return 3
        default: return 0
        }
    }

    /// The alt text cmark-gfm writes for an image: the literal text of its content, breaks as
    /// spaces.
    private static func plainText(of image: OpaquePointer) -> String {
        var result = ""
        guard let iterator = cmark_iter_new(image) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), node != image else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                result += literal(node)
            case CMARK_NODE_LINEBREAK, CMARK_NODE_SOFTBREAK:
                result += " "
            default:
                break
            }
        }
        return result
    }

    /// A link or image destination as libxml2 reads it from cmark-gfm's output: empty when
    /// cmark-gfm finds it dangerous, else percent-escaped as `houdini_escape_href` does
    /// (`&` and `'` are entity-escaped there, so they read back as themselves).
    private static func destination(_ node: OpaquePointer) -> String {
        guard let raw = cmark_node_get_url(node) else { return "" }
        let url = String(cString: raw)
        if isDangerous(url) { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count)
        let hex = hexDigits
        for byte in url.utf8 {
            if hrefSafe[Int(byte)] || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "'") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// cmark-gfm's `scan_dangerous_url`: `javascript:`, `vbscript:`, `file:`, and `data:` except
    /// PNG, GIF, JPEG and WebP images, in any case.
    private static func isDangerous(_ url: String) -> Bool {
        // Bytes are compared in ASCII lower case; no string is made of the URL's head.
        func starts(_ prefix: String) -> Bool {
            var bytes = url.utf8.makeIterator()
            for expected in prefix.utf8 {
                guard let b = bytes.next(), (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == expected else { return false }
            }
            return true
        }
        guard let first = url.utf8.first else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "j"): return starts("javascript:")
        case UInt8(ascii: "v"): return starts("vbscript:")
        case UInt8(ascii: "f"): return starts("file:")
        case UInt8(ascii: "d"):
            guard starts("data:") else { return false }
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { starts($0) }
        default: return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `houdini_escape_href`'s table of bytes written as they are: letters, digits and
    /// `-_.+!*(),%#@?=;:/$~`.
    private static let hrefSafe: [Bool] = (0..<256).map { b in
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return "-_.+!*(),%#@?=;:/$~".utf8.contains(UInt8(b))
        }
    }
}

/// The elements cmark-gfm's renderer writes, looked up in the allowlist once.
extension SafeHTMLWriter.Element {
    static let p = Self("p"), br = Self("br"), hr = Self("hr"), blockquote = Self("blockquote")
    static let span = Self("span")
    static let pre = Self("pre"), code = Self("code"), em = Self("em"), strong = Self("strong"), del = Self("del")
    static let a = Self("a"), img = Self("img"), ul = Self("ul"), ol = Self("ol"), li = Self("li"), input = Self("input")
    static let table = Self("table"), thead = Self("thead"), tbody = Self("tbody"), tr = Self("tr"), th = Self("th"), td = Self("td")
    static let headings = (1...6).map { Self("h\($0)") }
}
