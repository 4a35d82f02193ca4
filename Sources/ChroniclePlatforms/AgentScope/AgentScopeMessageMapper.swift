import ChronicleCore
import ChronicleJSON

/// Maps one AgentScope `Msg` (`agentscope/message/_base.py`) onto events.
///
/// - The speaker's kind comes from `role` (`user`, `assistant`, `system`); `name` is only the
///   label the sender chose (the web UI's `user`, a chat platform's user id, the agent's name).
/// - `hint` blocks (injected reminders, team messages: nobody's words) become their own system
///   events (platform type `hint`, id the block's id, speaker the hint's `source` label), before
///   the message when they open it, after it otherwise.
/// - A failed reply (`finished_reason: "error"`) is followed by one error event carrying
///   `error.type` and `error.message`; `interrupted` and `exceed_max_iters` by a status event.
/// - `usage` is the reply's (see ``AgentScopeUsage``); the message id is its request id; the
///   model is the session's `config.chat_model_config.model`.
/// - Times are read with the server's clock (``AgentScopeServerClock``), originals kept.
struct AgentScopeMessageMapper {
    var sessionID: String
    var model: String?
    var usage: AgentScopeUsage
    var clock: AgentScopeServerClock
    var artifactsDirectory: String

    func item(for record: RawRecord, report: @escaping (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])])
        }
        do {
            var artifacts: [ArtifactReference] = []
            let events = try events(reader, request: record.request, report: report, artifacts: &artifacts)
            return SessionItem(record: record, events: events, artifacts: artifacts)
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: (try? reader.optionalString("id")) ?? nil, index: 0, kind: .unknown, platformType: "unreadable")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = ((try? reader.optionalString("created_at")) ?? nil).map(clock.messageTime)
            return SessionItem(record: record, events: [fallback])
        }
    }

    func events(_ r: RecordReader, request: String, report: @escaping (ExportProblem) -> Void, artifacts: inout [ArtifactReference]) throws(RecordError) -> [Event] {
        let id = try r.requiredString("id")
        let role = try r.optionalString("role")
        let name = try r.optionalString("name")
        var e = Event(id: id, index: 0, kind: .unknown, platformType: "msg:\(role ?? "?")", speaker: name ?? role)
        e.createdAt = try r.optionalString("created_at").map(clock.messageTime)
        switch role {
        case "user": e.kind = .userMessage
        case "assistant": e.kind = .assistantMessage
        case "system": e.kind = .systemMessage
        default: e.kind = .unknown
        }
        let blocks = AgentScopeBlockReader(messageID: id, sessionID: sessionID, request: request, artifactsDirectory: artifactsDirectory, report: report)
        var before: [Event] = []
        var after: [Event] = []
        switch r.value["content"] {
        case nil, .null?:
            break
        case .string(let text)?:
            e.blocks = [.text(text, markdown: true)]
        case .array(let items)?:
            for (index, block) in items.enumerated() {
                if block["type"]?.stringValue == "hint" {
                    let hint = hintEvent(block, blocks: blocks, index: index, artifacts: &artifacts)
                    if e.blocks.isEmpty { before.append(hint) } else { after.append(hint) }
                } else {
                    e.blocks += blocks.blocks(block, index: index, artifacts: &artifacts)
                }
            }
        case let other?:
            throw r.error("content", "should be an array of blocks or a string, found \(other.typeName)")
        }
        e.usage = try usage.usage(of: r)
        if e.usage != nil { e.requestID = id }
        if e.usage != nil || e.kind == .assistantMessage { e.model = model }
        var events = before + [e] + after
        if let ending = try endingEvent(r, speaker: e.speaker) { events.append(ending) }
        return events
    }

    /// A hint block as its own event: `hint` is a string or text/data blocks; `source` is a JSON
    /// string such as `{"label": "System", …}` (or plain text) naming where it came from.
    func hintEvent(_ b: JSONValue, blocks: AgentScopeBlockReader, index: Int, artifacts: inout [ArtifactReference]) -> Event {
        var e = Event(id: b["id"]?.stringValue, index: 0, kind: .systemMessage, platformType: "hint")
        e.speaker = Self.hintLabel(b["source"]).map { "hint from \($0)" } ?? "hint"
        e.createdAt = b["created_at"]?.stringValue.map(clock.messageTime)
        switch b["hint"] {
        case .string(let text)?:
            e.blocks = [.text(text, markdown: false)]
        case .array(let parts)?:
            for part in parts {
                if part["type"]?.stringValue == "text", let text = part["text"]?.stringValue {
                    e.blocks.append(.text(text, markdown: false))
                } else {
                    e.blocks += blocks.blocks(part, index: index, artifacts: &artifacts)
                }
            }
        default:
            e.blocks = [.json(b)]
        }
        return e
    }

    /// The `label` of a hint's `source` JSON string, or the string itself when it is not JSON.
    static func hintLabel(_ source: JSONValue?) -> String? {
        guard let text = source?.stringValue, !text.isEmpty else { return nil }
        if let parsed = try? JSONParser.parse(Array(text.utf8)) {
            return parsed["label"]?.stringValue ?? parsed["name"]?.stringValue
        }
        return text
    }

    /// The event that says how a reply ended when it did not complete: an error for
    /// `finished_reason: "error"` (with `error.type` and `error.message`), a status otherwise.
    func endingEvent(_ r: RecordReader, speaker: String?) throws(RecordError) -> Event? {
        guard let reason = try r.optionalString("finished_reason"), reason != "completed" else { return nil }
        var end = try r.optionalString("finished_at")
        if end == nil { end = try r.optionalString("created_at") }
        let at = end.map(clock.messageTime)
        if reason == "error" {
            let error = r.value["error"]
            let type = error?["type"]?.stringValue
            let message = error?["message"]?.stringValue ?? error.flatMap { $0.isNull ? nil : String(decoding: JSONWriter.serialize($0), as: UTF8.self) }
            let text = "The reply failed" + (type.map { " (\($0))" } ?? "") + ": " + (message ?? "the service gave no message")
            return Event(id: nil, index: 0, kind: .error, platformType: "finished_reason:error", createdAt: at, speaker: speaker, blocks: [.text(text, markdown: false)])
        }
        let text: String
        switch reason {
        case "interrupted": text = "The reply was interrupted before it finished."
        case "exceed_max_iters": text = "The reply stopped: it reached the agent's maximum number of reasoning iterations (exceed_max_iters)."
        default: text = "The reply ended: \(reason)."
        }
        return Event(id: nil, index: 0, kind: .status, platformType: "finished_reason:\(reason)", createdAt: at, speaker: speaker, blocks: [.text(text, markdown: false)])
    }
}
