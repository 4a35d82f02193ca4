import ChronicleCore
import Foundation

/// Writes RFC 4180 CSV: UTF-8 (optionally with a byte order mark), CRLF after every record,
/// fields quoted when they hold a comma, quote, CR or LF, or start or end with a space (quotes
/// doubled; embedded newlines kept). Text cells pass through `textTransform` (the redaction hook),
/// then through `CSVFormulaGuard`.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private let textTransform: (@Sendable (String) -> String)?

    public init(bom: Bool = false, textTransform: (@Sendable (String) -> String)? = nil) {
        self.textTransform = textTransform
        if bom { bytes = [0xEF, 0xBB, 0xBF] }
    }

    /// The header record: column names are neutralised but not transformed.
    /// Hands over the bytes written so far and starts an empty buffer (for a file written in
    /// pieces; the byte-order mark and header, if any, are in the first piece).
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    public mutating func appendHeader(_ names: [String]) {
        appendRecord(names.map { Self.field(CSVFormulaGuard.neutralise($0)) })
    }

    public mutating func append(_ cells: [CSVCell]) {
        appendRecord(cells.map { cell in
            switch cell {
            case .empty: return ""
            case .integer(let v): return String(v)
            case .decimal(let d): return Self.number(d)
            case .text(let s): return Self.field(CSVFormulaGuard.neutralise(textTransform?(s) ?? s))
            }
        })
    }

    private mutating func appendRecord(_ fields: [String]) {
        bytes.append(contentsOf: fields.joined(separator: ",").utf8)
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A decimal in plain notation (`0.4561`, `-2`, `12.5`), never with an exponent.
    public static func number(_ d: Decimal) -> String {
        DecimalText.plain(d)
    }
}
