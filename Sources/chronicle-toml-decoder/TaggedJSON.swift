import ChronicleJSON
import ChronicleTOML

/// toml-test's JSON form of a document: tables are objects, arrays are arrays, every other value
/// is `{"type": "...", "value": "..."}` with the value as text.
enum TaggedJSON {
    static func table(_ table: TOMLTable) -> String {
        "{" + table.entries.map { string($0.key) + ":" + value($0.node.value) }.joined(separator: ",") + "}"
    }

    static func value(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return tagged("string", s)
        case .integer(let n): return tagged("integer", String(n))
        case .float(let d): return tagged("float", d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : "\(d)")
        case .boolean(let b): return tagged("bool", b ? "true" : "false")
        case .offsetDateTime(let t): return tagged("datetime", t)
        case .localDateTime(let t): return tagged("datetime-local", t)
        case .localDate(let t): return tagged("date-local", t)
        case .localTime(let t): return tagged("time-local", t)
        case .array(let a): return "[" + a.map { self.value($0.value) }.joined(separator: ",") + "]"
        case .table(let t): return table(t)
        }
    }

    static func tagged(_ type: String, _ text: String) -> String {
        "{\"type\":\"\(type)\",\"value\":\(string(text))}"
    }

    /// A JSON string literal (ChronicleJSON's writer: the escapes JSON requires).
    static func string(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
