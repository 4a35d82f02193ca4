internal import CLibXML2

/// Which allowlisted elements libxml2's HTML parser lets nest directly inside which.
///
/// libxml2 implicitly closes the current element when certain start tags appear inside it
/// (its `htmlStartClose` table, which differs between libxml2 versions; e.g. 2.9.14 closes an
/// `ol` on a `ul` start tag). The sanitizer never emits such a nesting — it unwraps the inner
/// element instead — so its output re-parses to the same tree (idempotency). The table is
/// measured once from the linked libxml2 by parsing `<body><open><new>` for every pair.
struct HTMLNestingTable: Sendable {
    /// The table measured from the linked libxml2.
    static let measured = HTMLNestingTable()

    /// `forbidden[open * count + new]` for the allowlisted elements' indices
    /// (``HTMLElementRules/names``): whether `new` would *not* end up inside `open`.
    private let forbidden: [Bool]
    private let count: Int

    private init() {
        let names = HTMLElementRules.names
        count = names.count
        var forbidden = [Bool](repeating: false, count: count * count)
        for (o, open) in names.enumerated() where !HTMLElementRules.void.contains(open) {
            for (n, new) in names.enumerated() where !Self.nests(new, inside: open) {
                forbidden[o * count + n] = true
            }
        }
        self.forbidden = forbidden
    }

    /// Whether the element with index `new` may be emitted as a direct child of the element
    /// with index `open` (`nil`: the body).
    func allows(_ new: Int, inside open: Int?) -> Bool {
        guard let open else { return true }
        return !forbidden[open * count + new]
    }

    /// Parses `<body><open><new>` and reports whether `new` became a child of `open`.
    private static func nests(_ new: String, inside open: String) -> Bool {
        let markup = "<body><\(open)><\(new)>"
        var bytes = Array(markup.utf8)
        let length = Int32(bytes.count)
        bytes.append(0)
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        )
        let parsed: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, length, nil, "UTF-8", options)
            }
        }
        guard let document = parsed else { return false }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document),
              let body = firstElement(named: "body", in: root),
              let outer = firstElement(named: nil, in: body),
              name(of: outer) == open,
              let inner = firstElement(named: nil, in: outer)
        else { return false }
        return name(of: inner) == new
    }

    private static func firstElement(named wanted: String?, in parent: xmlNodePtr) -> xmlNodePtr? {
        var child = parent.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, wanted == nil || name(of: current) == wanted {
                return current
            }
            child = current.pointee.next
        }
        return nil
    }

    private static func name(of node: xmlNodePtr) -> String {
        guard let raw = node.pointee.name else { return "" }
        return String(cString: raw)
    }
}
