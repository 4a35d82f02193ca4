import ChronicleJSON

/// Indented JSON for people: two spaces, members in the order sent, numbers as sent.
public enum PrettyJSON {
    public static func string(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        append(value, indent: 0, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: Array("{}".utf8)); return }
            out.append(contentsOf: Array("{\n".utf8))
            for (i, m) in members.enumerated() {
                out.append(contentsOf: [UInt8](repeating: 0x20, count: (indent + 1) * 2))
                JSONWriter.appendString(m.key, to: &out)
                out.append(contentsOf: Array(": ".utf8))
                append(m.value, indent: indent + 1, to: &out)
                out.append(contentsOf: Array((i + 1 < members.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: [UInt8](repeating: 0x20, count: indent * 2))
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: Array("[]".utf8)); return }
            out.append(contentsOf: Array("[\n".utf8))
            for (i, item) in items.enumerated() {
                out.append(contentsOf: [UInt8](repeating: 0x20, count: (indent + 1) * 2))
                append(item, indent: indent + 1, to: &out)
                out.append(contentsOf: Array((i + 1 < items.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: [UInt8](repeating: 0x20, count: indent * 2))
            out.append(UInt8(ascii: "]"))
        default:
            JSONWriter.append(value, to: &out)
        }
    }
}

extension PrettyJSON {
    /// Indented JSON as UTF-8 bytes with a final newline.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, indent: 0, to: &out)
        out.append(0x0A)
        return out
    }
}
