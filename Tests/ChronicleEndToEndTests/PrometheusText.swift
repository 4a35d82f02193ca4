import ChronicleTestSupport
import Foundation

/// A strict reader of the Prometheus text exposition format (version 0.0.4) as far as Chronicle
/// writes it: `# HELP`/`# TYPE` lines before their samples, each family's TYPE declared once,
/// sample lines `name{label="value",…} number` with valid names and escaped label values.
enum PrometheusText {
    struct Malformed: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "line \(line): \(text)" }
    }

    /// Samples by their series text (`name{labels}`), values as Double.
    static func parse(_ text: String) throws -> [String: Double] {
        let name = try NSRegularExpression(pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*$")
        let sample = try NSRegularExpression(pattern: #"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\["\\n])*")*)?\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$"#)
        func matches(_ re: NSRegularExpression, _ s: String) -> NSTextCheckingResult? {
            re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s))
        }
        var typed: [String: String] = [:]
        var out: [String: Double] = [:]
        guard text.hasSuffix("\n") else { throw Malformed(line: 0, text: "no final newline") }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let l = String(line)
            if l.hasPrefix("# TYPE ") {
                let parts = l.split(separator: " ")
                guard parts.count == 4, matches(name, String(parts[2])) != nil, ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[3])) else {
                    throw Malformed(line: i + 1, text: l)
                }
                guard typed[String(parts[2])] == nil else { throw Malformed(line: i + 1, text: "TYPE repeated: \(l)") }
                typed[String(parts[2])] = String(parts[3])
            } else if l.hasPrefix("# HELP ") || l.hasPrefix("#") {
                continue
            } else {
                guard let m = matches(sample, l), let r = Range(m.range(at: 1), in: l) else { throw Malformed(line: i + 1, text: l) }
                guard typed[String(l[r])] != nil else { throw Malformed(line: i + 1, text: "sample before its TYPE: \(l)") }
                guard let space = l.lastIndex(of: " "), let value = Double(l[l.index(after: space)...]) else { throw Malformed(line: i + 1, text: l) }
                let series = String(l[..<space])
                guard out[series] == nil else { throw Malformed(line: i + 1, text: "duplicate series: \(l)") }
                out[series] = value
            }
        }
        return out
    }
}
