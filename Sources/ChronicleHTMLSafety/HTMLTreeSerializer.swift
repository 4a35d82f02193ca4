internal import CLibXML2

/// Walks a libxml2 HTML tree and rebuilds it from the allowlist through ``SafeHTMLWriter``.
///
/// Internal: libxml2 types never leave this module's internals.
struct HTMLTreeSerializer {
    /// Safety bound on recursion into the libxml2 tree (libxml2 itself stops at depth 256).
    private static let maxTreeDepth = 1024

    private var writer: SafeHTMLWriter
    /// The serialised HTML.
    var output: String { mutating get { String(decoding: writer.finish(), as: UTF8.self) } }

    init(policy: HTMLSanitizerPolicy) {
        writer = SafeHTMLWriter(policy: policy)
    }

    /// Serialises the children of `node`.
    mutating func serializeChildren(of node: xmlNodePtr, treeDepth: Int) {
        guard treeDepth < Self.maxTreeDepth else { return }
        var child = node.pointee.children
        while let current = child {
            serialize(current, treeDepth: treeDepth + 1)
            child = current.pointee.next
        }
    }

    private mutating func serialize(_ node: xmlNodePtr, treeDepth: Int) {
        let type = node.pointee.type
        if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
            if let content = node.pointee.content { writer.text(String(cString: content)) }
            return
        }
        guard type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { return }
        let element = SafeHTMLWriter.Element(String(cString: rawName).lowercased())
        switch writer.open(element, attributes: element.hasAttributeRules ? Self.attributes(of: node) : [:]) {
        case .dropped:
            return
        case .unwrapped:
            serializeChildren(of: node, treeDepth: treeDepth)
        case .written:
            if element.isVoid { return }
            serializeChildren(of: node, treeDepth: treeDepth)
            writer.close()
        }
    }

    /// The element's attributes, lowercased names, first occurrence wins; namespaced ones skipped.
    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard current.pointee.ns == nil, let rawName = current.pointee.name else { continue }
            let name = String(cString: rawName).lowercased()
            if result[name] != nil { continue }
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                clibxml2_free(raw)
            }
            result[name] = value
        }
        return result
    }
}
