import ChronicleHTMLSafety
import ChronicleRedact

/// The last step before a template sees a context: every string is redacted (except the keys
/// that hold URLs Chronicle built, which must stay intact) and cleaned of control characters,
/// U+2028/2029 and noncharacters. Mustache's `{{…}}` then escapes `& < > " '`. Only
/// ``TrustedHTML`` values (sanitised fragments) pass unchanged.
struct ViewPreparer {
    /// Keys whose strings Chronicle built (links into the bag, `data:` URIs, ids, the CSP).
    static let builtKeys: Set<String> = ["href", "src", "anchor", "csp", "link", "indexLink", "homeLink", "callHref", "upLink", "utc", "eventKind", "severity", "figure", "raw", "figuresData"]

    let redactor: Redactor
    var counts = RedactionCounts()
    /// The tool calls seen so far in the page, so a result can name and link its call.
    var toolCalls = ToolCallLedger()

    mutating func prepare(_ context: [String: Any]) -> [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in context { out[key] = prepare(value, key: key) }
        return out
    }

    /// Redacts (and counts) plain text outside a context, e.g. Markdown before it is rendered.
    mutating func redact(_ text: String) -> String {
        redactor.redact(text, counts: &counts)
    }

    private mutating func prepare(_ value: Any, key: String) -> Any {
        switch value {
        case let s as String:
            if Self.builtKeys.contains(key) { return HTMLSanitizer.cleanText(s) }
            return HTMLSanitizer.cleanText(redactor.redact(s, counts: &counts))
        case let d as [String: Any]:
            return prepare(d)
        case let a as [[String: Any]]:
            return a.map { prepare($0) }
        case let a as [Any]:
            return a.map { prepare($0, key: key) }
        default:
            return value
        }
    }
}

/// The tool calls of one transcript by id: which event made each and with which tool, so the
/// result that answers it can say so. Bounded: past ``limit`` calls, new ones are not recorded
/// (their results are shown as they come, unpaired).
struct ToolCallLedger {
    static let limit = 20_000
    private var calls: [String: (name: String, event: Int)] = [:]

    mutating func record(id: String?, name: String, event: Int) {
        guard let id, calls.count < Self.limit || calls[id] != nil else { return }
        calls[id] = (name, event)
    }

    func call(id: String?) -> (name: String, event: Int)? {
        id.flatMap { calls[$0] }
    }
}
