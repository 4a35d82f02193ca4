import ChronicleCore
import ChronicleJSON

/// Reads the blocks of a `Msg` (`agentscope/message/_block.py`) into Chronicle blocks:
/// `text`; `thinking`; `tool_call` (its `input` is the model's raw JSON string: parsed for
/// display when it parses, kept verbatim as a string when not; a call not `finished` gets a note
/// saying what it waits for); `tool_result` (`output` a string or text/data blocks; `state`
/// `error`, `denied` and `interrupted` are failures, `success` is not, `running` is unknown);
/// `data` (a base64 source is stored as an artifact, a URL source becomes a link and is never
/// fetched). `hint` blocks are not the speaker's words: the mapper takes them out (see
/// ``AgentScopeMessageMapper``). Any other block is kept and shown as JSON.
struct AgentScopeBlockReader {
    var messageID: String?
    var sessionID: String
    var request: String
    var artifactsDirectory: String
    var report: (ExportProblem) -> Void

    /// Tool-result states that mean the tool did not produce its result.
    static let failedResultStates: Set<String> = ["error", "denied", "interrupted"]

    /// What a `tool_call` in each unfinished state waits for.
    static let callStateNotes: [String: String] = [
        "pending": "not started yet",
        "asking": "waiting for the user's permission",
        "allowed": "allowed, not run yet",
        "submitted": "submitted for an external result, waiting for it",
    ]

    /// The blocks of one content block; `artifacts` collects what was stored.
    func blocks(_ b: JSONValue, index: Int, artifacts: inout [ArtifactReference]) -> [ContentBlock] {
        switch b["type"]?.stringValue {
        case "text":
            if let text = b["text"]?.stringValue { return [.text(text, markdown: true)] }
        case "thinking":
            if let text = b["thinking"]?.stringValue { return [.thinking(text)] }
        case "tool_call":
            guard let name = b["name"]?.stringValue else { break }
            let id = b["id"]?.stringValue
            var out: [ContentBlock] = [.toolCall(id: id, name: name, input: Self.callInput(b["input"]))]
            if let state = b["state"]?.stringValue, let note = Self.callStateNotes[state] {
                out.append(.rawText("Tool call \(name)\(id.map { " (\($0))" } ?? ""): \(state), \(note)"))
            }
            return out
        case "tool_result":
            let state = b["state"]?.stringValue
            let isError: Bool? = state.map { Self.failedResultStates.contains($0) ? true : ($0 == "success" ? false : nil) } ?? nil
            var out: [ContentBlock] = []
            let output: JSONValue
            switch b["output"] {
            case .string(let s)?:
                output = .string(s)
            case .array(let items)?:
                // Text parts joined for display; data parts stored (or linked) after the result.
                var texts: [String] = []
                var others: [JSONValue] = []
                for item in items {
                    switch item["type"]?.stringValue {
                    case "text" where item["text"]?.stringValue != nil:
                        texts.append(item["text"]?.stringValue ?? "")
                    case "data":
                        out += data(item, index: index, artifacts: &artifacts)
                    default:
                        others.append(item)
                    }
                }
                output = others.isEmpty ? .string(texts.joined(separator: "\n")) : .array(items)
            case let other?:
                output = other
            case nil:
                output = .null
            }
            out.insert(.toolResult(id: b["id"]?.stringValue, name: b["name"]?.stringValue, output: output, isError: isError), at: 0)
            if state == "running" { out.append(.rawText("Tool result still running when the history was read")) }
            return out
        case "data":
            return data(b, index: index, artifacts: &artifacts)
        default:
            break
        }
        return [.json(b)]
    }

    /// A tool call's `input`: a JSON string is parsed for display; text that is not JSON stays a
    /// string, verbatim; a non-string (not what the vendor sends) is shown as it is.
    static func callInput(_ value: JSONValue?) -> JSONValue {
        guard let value else { return .null }
        guard case .string(let text) = value else { return value }
        if let parsed = try? JSONParser.parse(Array(text.utf8)) { return parsed }
        return .string(text)
    }

    /// A `data` block: base64 bytes stored as an artifact; a URL shown as a link (never fetched).
    func data(_ b: JSONValue, index: Int, artifacts: inout [ArtifactReference]) -> [ContentBlock] {
        let source = b["source"]
        let mediaType = source?["media_type"]?.stringValue
        switch source?["type"]?.stringValue {
        case "base64":
            let reference = GuayabaInlineArtifact.store(
                block: b, blockIndex: index, messageID: messageID,
                sessionID: sessionID, request: request, artifactsDirectory: artifactsDirectory, report: report
            )
            artifacts.append(reference)
            return [.artifact(reference)]
        case "url":
            guard let url = source?["url"]?.stringValue else { break }
            let label = b["name"]?.stringValue ?? url
            let kind = mediaType.map { " (\($0), not downloaded)" } ?? " (not downloaded)"
            return [.text("[\(Self.escapeLabel(label))](<\(Self.escapeDestination(url))>)\(Self.escapeLabel(kind))", markdown: true)]
        default:
            break
        }
        return [.json(b)]
    }

    /// Markdown link text with its special characters escaped.
    static func escapeLabel(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]()<>#!|~".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }

    /// A link destination inside `<…>`: `<`, `>`, spaces and line breaks percent-encoded.
    static func escapeDestination(_ url: String) -> String {
        var out = ""
        for ch in url {
            switch ch {
            case "<": out += "%3C"
            case ">": out += "%3E"
            case " ": out += "%20"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.append(ch)
            }
        }
        return out
    }
}
