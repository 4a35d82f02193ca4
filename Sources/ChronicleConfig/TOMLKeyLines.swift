import ChronicleTOML

/// The line of every key of a parsed configuration, by its path: `out`, `redact.patterns`,
/// `source[2]` (the `[[source]]` header of the second source, counted from 1),
/// `source[2].concurrency`, `prices.gpt-4o.input_per_mtok`. The lines come from the parser
/// (ChronicleTOML records where every key and value starts), not from reading the text again.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(table: TOMLTable) {
        record(table, prefix: "")
    }

    private mutating func record(_ table: TOMLTable, prefix: String) {
        for entry in table.entries {
            let path = prefix.isEmpty ? entry.key : prefix + "." + entry.key
            lines[path] = entry.keyPosition.line
            record(entry.node, path: path)
        }
    }

    private mutating func record(_ node: TOMLNode, path: String) {
        switch node.value {
        case .table(let t):
            record(t, prefix: path)
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                let elementPath = "\(path)[\(i + 1)]"
                lines[elementPath] = element.position.line
                record(element, path: elementPath)
            }
        default:
            break
        }
    }

    /// The line of `path`, else of its nearest enclosing key, else 1.
    func line(_ path: String) -> Int {
        var p = path
        while true {
            if let n = lines[p] { return n }
            guard let dot = p.lastIndex(of: ".") else { return 1 }
            p = String(p[..<dot])
        }
    }
}
