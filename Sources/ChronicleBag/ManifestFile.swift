/// A parsed `manifest-sha256.txt` or `tagmanifest-sha256.txt` (internal).
struct ManifestFile {
    /// One line: digest and decoded path (relative to the bag).
    struct Entry {
        let sha256: String
        let path: String
    }

    private(set) var entries: [Entry] = []
    /// Problems with the file's form, as damages on `name`.
    private(set) var problems: [String] = []

    /// Parses `bytes`; `payload` manifests must list only `data/…` paths,
    /// tag manifests only top-level tag files.
    init(bytes: [UInt8], payload: Bool) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problems.append("is not valid UTF-8")
            return
        }
        if !bytes.isEmpty && bytes.last != 0x0A { problems.append("last line does not end with a line feed") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var seen = Set<[UInt8]>()
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let raw = Array(line.utf8)
            if raw.contains(0x0D) {
                problems.append("line \(number) contains a carriage return")
                continue
            }
            guard raw.count > 65, raw[64] == 0x20 else {
                problems.append("line \(number) is not '<64 hex digits> <path>'")
                continue
            }
            let digest = String(decoding: raw[0..<64], as: UTF8.self)
            guard HexEncoding.isSHA256Hex(digest) else {
                problems.append("line \(number) does not start with 64 lowercase hex digits")
                continue
            }
            var start = 64
            while start < raw.count && raw[start] == 0x20 { start += 1 }
            guard start < raw.count else {
                problems.append("line \(number) has no path")
                continue
            }
            let path = Self.percentDecode(String(decoding: raw[start...], as: UTF8.self))
            if let unsafe = Self.unsafePathProblem(path, payload: payload) {
                problems.append("line \(number): path '\(path)' \(unsafe)")
                continue
            }
            guard seen.insert(Array(path.utf8)).inserted else {
                problems.append("line \(number): path '\(path)' is listed more than once")
                continue
            }
            entries.append(Entry(sha256: digest, path: path))
        }
    }

    /// RFC 8493 §2.1.3 decoding of `%0D`, `%0A` and `%25`.
    static func percentDecode(_ path: String) -> String {
        guard path.contains("%") else { return path }
        var out: [UInt8] = []
        let bytes = Array(path.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25 && i + 2 < bytes.count {
                let code = String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self).uppercased()
                let decoded: UInt8? = code == "0D" ? 0x0D : code == "0A" ? 0x0A : code == "25" ? 0x25 : nil
                if let decoded {
                    out.append(decoded)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Why `path` may not appear in the manifest, or nil.
    static func unsafePathProblem(_ path: String, payload: Bool) -> String? {
        if path.hasPrefix("/") { return "is absolute" }
        if path.contains("\\") { return "contains a backslash" }
        if path.utf8.contains(0) { return "contains a NUL byte" }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0 == ".." }) { return "escapes the bag with '..'" }
        if components.contains(where: { $0.isEmpty || $0 == "." }) { return "has an empty or '.' component" }
        if payload {
            if components.count < 2 || components[0] != "data" { return "is not under data/" }
        } else if components.count != 1 || components[0] == "data" {
            return "is not a top-level tag file"
        }
        return nil
    }
}
