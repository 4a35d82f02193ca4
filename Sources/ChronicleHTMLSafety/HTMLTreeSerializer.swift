internal import CLibXML2

/// Walks a libxml2 HTML tree and rebuilds it from the allowlist, serialising by hand.
///
/// Internal: libxml2 types never leave this module's internals.
struct HTMLTreeSerializer {
    /// Safety bound on recursion into the libxml2 tree (libxml2 itself stops at depth 256).
    private static let maxTreeDepth = 1024

    private let policy: HTMLSanitizerPolicy
    /// The serialised HTML so far, as UTF-8.
    private var bytes: [UInt8] = []
    /// The serialised HTML.
    var output: String { String(decoding: bytes, as: UTF8.self) }
    /// Names of the elements currently open in `output`.
    private var openElements: [String] = []

    init(policy: HTMLSanitizerPolicy) {
        self.policy = policy
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
            if let content = node.pointee.content {
                HTMLCharacterFilter.append(String(cString: content), mode: .text, to: &bytes)
            }
            return
        }
        guard type == XML_ELEMENT_NODE, let rawName = node.pointee.name else { return }
        let name = String(cString: rawName).lowercased()
        if HTMLElementRules.droppedWithContent.contains(name) { return }
        guard HTMLElementRules.allowed.contains(name),
              openElements.count < HTMLElementRules.maxEmittedDepth,
              HTMLNestingTable.measured.allows(name, inside: openElements.last ?? "body")
        else {
            // Not allowed here: unwrap (drop the tag, keep the content).
            serializeChildren(of: node, treeDepth: treeDepth)
            return
        }
        let source = Self.attributes(of: node)
        guard let attributes = HTMLAttributeRules.rebuild(element: name, attributes: source, policy: policy) else {
            return
        }
        bytes.append(0x3C)  // <
        bytes.append(contentsOf: name.utf8)
        for (attributeName, value) in attributes {
            bytes.append(0x20)
            bytes.append(contentsOf: attributeName.utf8)
            if let value {
                bytes.append(contentsOf: [0x3D, 0x22])  // ="
                HTMLCharacterFilter.append(value, mode: .attribute, to: &bytes)
                bytes.append(0x22)
            }
        }
        bytes.append(0x3E)  // >
        if HTMLElementRules.void.contains(name) { return }
        openElements.append(name)
        serializeChildren(of: node, treeDepth: treeDepth)
        openElements.removeLast()
        bytes.append(contentsOf: [0x3C, 0x2F])  // </
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x3E)
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
