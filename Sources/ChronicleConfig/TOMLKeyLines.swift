/// Finds the line of a key in TOML source text (TOMLKit reports lines only for syntax errors).
///
/// Tracks table headers (`[redact]`, `[[source]]` counted from 1, `[source.options]`,
/// `[prices."model"]`) and `key = value` lines, skipping multi-line strings. Keys are recorded
/// as paths such as `source[2].concurrency`, `redact.patterns`, `prices.gpt-4o.input_per_mtok`.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var inMultiline: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let delimiter = inMultiline {
                if line.contains(delimiter) { inMultiline = nil }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[[") {
                let name = Self.normalise(Self.header(line, open: 2))
                arrayCounts[name, default: 0] += 1
                table = "\(name)[\(arrayCounts[name] ?? 1)]"
                record(table, number)
                continue
            }
            if line.hasPrefix("[") {
                let parts = Self.splitKey(Self.header(line, open: 1))
                // `[source.options]` belongs to the latest `[[source]]`.
                if let first = parts.first, let n = arrayCounts[first] {
                    table = (["\(first)[\(n)]"] + parts.dropFirst()).joined(separator: ".")
                } else {
                    table = parts.joined(separator: ".")
                }
                record(table, number)
                continue
            }
            guard let eq = Self.assignment(line) else { continue }
            let key = Self.splitKey(String(line[..<eq])).joined(separator: ".")
            record(table.isEmpty ? key : table + "." + key, number)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                if !value.dropFirst(3).contains(delimiter) { inMultiline = delimiter }
            }
        }
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// The line of `path`, else of its nearest enclosing table, else 1.
    func line(_ path: String) -> Int {
        var p = path
        while true {
            if let n = lines[p] { return n }
            guard let dot = p.lastIndex(of: ".") else { return 1 }
            p = String(p[..<dot])
        }
    }

    static func header(_ line: String, open: Int) -> String {
        var s = Substring(line).dropFirst(open)
        if let close = s.firstIndex(of: "]") { s = s[..<close] }
        return s.trimmingCharacters(in: .whitespaces)
    }

    static func normalise(_ key: String) -> String { splitKey(key).joined(separator: ".") }

    /// Splits a dotted key, unquoting quoted parts.
    static func splitKey(_ key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in key {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The index of the `=` of a `key = value` line, outside quotes.
    static func assignment(_ line: String) -> String.Index? {
        var quote: Character?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return i
            }
            i = line.index(after: i)
        }
        return nil
    }
}

import Foundation
