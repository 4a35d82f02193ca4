import Foundation

/// Reads the few values Chronicle needs from S3's XML answers (error `Code`, `UploadId`, the
/// `Contents` of a listing), without a general XML parser: S3's answers are flat, and only
/// element text is read, with the five predefined entities decoded.
enum S3XML {
    /// The text of every `<name>…</name>` in `xml`, in order.
    static func values(_ name: String, in xml: String) -> [String] {
        var out: [String] = []
        let open = "<\(name)>"
        let close = "</\(name)>"
        var rest = xml[...]
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { break }
            out.append(decode(String(after[..<end.lowerBound])))
            rest = after[end.upperBound...]
        }
        return out
    }

    static func value(_ name: String, in xml: String) -> String? { values(name, in: xml).first }

    /// The `<Contents>` blocks of a ListObjectsV2 answer.
    static func listedObjects(in xml: String) -> [ListedObject] {
        values("Contents", in: xml).compactMap { block in
            guard let key = value("Key", in: block), let size = value("Size", in: block).flatMap({ Int64($0) }) else { return nil }
            return ListedObject(key: key, size: size)
        }
    }

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
