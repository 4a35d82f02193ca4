import ChronicleCore
import ChronicleJSON

/// Maps one AgentScope `Msg` onto an ``Event``. `name` is the speaker: `user` → a user message,
/// `system` → a system message, anyone else (the agent's name) → an assistant message; a message
/// holding only tool calls or only tool results takes that kind. `usage` is optional (absent =
/// unknown); the message id is the request id, so a message exported twice counts once.
/// `created_at` is read as ISO-8601 with or without zone or `YYYY-MM-DD HH:MM:SS.fff` (UTC
/// assumed where no zone is given; the original text is kept).
enum AgentScopeMessageMapper {
    static func item(for record: RawRecord, sessionID: String, model: String?, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])])
        }
        do {
            return SessionItem(record: record, events: [try event(reader, model: model)])
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: (try? reader.optionalString("id")) ?? nil, index: 0, kind: .unknown, platformType: "unreadable")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? reader.optionalTimestamp("created_at")) ?? nil
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func event(_ r: RecordReader, model: String?) throws(RecordError) -> Event {
        let name = try r.optionalString("name")
        var e = Event(id: try r.requiredString("id"), index: 0, kind: .assistantMessage, platformType: "msg")
        e.speaker = name
        e.createdAt = try r.optionalTimestamp("created_at")
        e.blocks = try ContentBlockReader.blocks(r, toolResults: .agentscope)
        e.usage = try UsageReader.usage(of: r)
        switch name {
        case "user":
            e.kind = .userMessage
            e.platformType = "msg:user"
        case "system":
            e.kind = .systemMessage
            e.platformType = "msg:system"
        default:
            e.kind = .assistantMessage
        }
        if !e.blocks.isEmpty {
            if e.blocks.allSatisfy({ if case .toolCall = $0 { return true } else { return false } }) { e.kind = .toolCall }
            if e.blocks.allSatisfy({ if case .toolResult = $0 { return true } else { return false } }) { e.kind = .toolResult }
        }
        if e.usage != nil {
            e.requestID = e.id
            e.model = model
        } else if e.kind == .assistantMessage {
            e.model = model
        }
        return e
    }
}
