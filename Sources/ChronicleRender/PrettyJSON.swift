internal import ChronicleByteWords
import ChronicleJSON

/// Indented JSON for people: two spaces, members in the order sent, numbers as sent.
public enum PrettyJSON {
    /// - Parameter capacity: bytes to reserve up front, when the caller can tell how long the
    ///   result will about be (from the compact text the value was parsed from).
    public static func string(_ value: JSONValue, reservingCapacity capacity: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        append(value, indent: 0, to: &out)
        // Every byte comes from a Swift string (keys, strings, number literals) or is ASCII.
        return ValidatedUTF8.string(out)
    }

    static func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (i, m) in members.enumerated() {
                appendSpaces((indent + 1) * 2, to: &out)
                JSONWriter.appendString(m.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                append(m.value, indent: indent + 1, to: &out)
                out.append(contentsOf: (i + 1 < members.count ? ",\n" : "\n").utf8)
            }
            appendSpaces(indent * 2, to: &out)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                appendSpaces((indent + 1) * 2, to: &out)
                append(item, indent: indent + 1, to: &out)
                out.append(contentsOf: (i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            appendSpaces(indent * 2, to: &out)
            out.append(UInt8(ascii: "]"))
        default:
            JSONWriter.append(value, to: &out)
        }
    }

    /// `count` spaces (an indentation), without an array of them per line.
    @inline(__always)
    static func appendSpaces(_ count: Int, to out: inout [UInt8]) {
        for _ in 0..<count { out.append(0x20) }
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

extension PrettyJSON {
    /// Writes the same bytes as ``bytes(_:)`` would for `document` (an object) with the top-level
    /// member `key` holding `count` elements made one at a time by `element`: the member's value
    /// in `document` is ignored. Bytes go to `emit` in pieces of about 64 KiB, so a long array is
    /// never held whole, as values or as text.
    public static func stream(
        _ document: JSONValue, expanding key: String, count: Int, element: (Int) throws -> JSONValue, emit: ([UInt8]) throws -> Void
    ) throws {
        try stream(document, expanding: key, count: count, elementBytes: { try streamElement(element($0)) }, emit: emit)
    }

    /// An element of the array ``stream(_:expanding:count:elementBytes:emit:)`` expands, printed
    /// as it stands there (so it can be printed ahead, e.g. while other work goes on).
    public static func streamElement(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, indent: 2, to: &out)
        return out
    }

    /// Like ``stream(_:expanding:count:element:emit:)``, with the elements already printed by
    /// ``streamElement(_:)``.
    public static func stream(
        _ document: JSONValue, expanding key: String, count: Int, elementBytes: (Int) throws -> [UInt8], emit: ([UInt8]) throws -> Void
    ) throws {
        guard case .object(let members) = document, members.contains(where: { $0.key == key }) else {
            try emit(bytes(document))
            return
        }
        var out: [UInt8] = []
        func flush(_ force: Bool) throws {
            if force || out.count >= 1 << 16 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(contentsOf: "{\n".utf8)
        for (i, m) in members.enumerated() {
            appendSpaces(2, to: &out)
            JSONWriter.appendString(m.key, to: &out)
            out.append(contentsOf: ": ".utf8)
            if m.key == key {
                if count == 0 {
                    out.append(contentsOf: "[]".utf8)
                } else {
                    out.append(contentsOf: "[\n".utf8)
                    for k in 0..<count {
                        appendSpaces(4, to: &out)
                        out.append(contentsOf: try elementBytes(k))
                        out.append(contentsOf: (k + 1 < count ? ",\n" : "\n").utf8)
                        try flush(false)
                    }
                    out.append(contentsOf: "  ]".utf8)
                }
            } else {
                append(m.value, indent: 1, to: &out)
            }
            out.append(contentsOf: (i + 1 < members.count ? ",\n" : "\n").utf8)
            try flush(false)
        }
        out.append(contentsOf: "}\n".utf8)
        try flush(true)
    }
}
