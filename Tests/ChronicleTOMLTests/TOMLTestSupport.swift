import ChronicleTOML
import Testing

/// Parses `text`, recording the error as an issue.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLTable? {
    do {
        return try TOML.parse(text)
    } catch {
        Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The error parsing `bytes` gives, or nil (recorded as an issue) when it parses.
func parseError(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
    do {
        let table = try TOML.parse(bytes)
        Issue.record("expected an error, parsed \(table.keys)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> TOMLError? {
    parseError(Array(text.utf8), sourceLocation: sourceLocation)
}

/// The value at a dotted path of plain keys (`a.b.c`); array elements by index (`a.0`).
func value(_ table: TOMLTable?, _ path: String) -> TOMLValue? {
    guard let table else { return nil }
    var current: TOMLValue = .table(table)
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
        switch current {
        case .table(let t):
            guard let next = t[String(part)] else { return nil }
            current = next.value
        case .array(let a):
            guard let i = Int(part), a.indices.contains(i) else { return nil }
            current = a[i].value
        default:
            return nil
        }
    }
    return current
}

/// True when `message` holds no line break or other control character.
func isOneLine(_ message: String) -> Bool {
    !message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
}
