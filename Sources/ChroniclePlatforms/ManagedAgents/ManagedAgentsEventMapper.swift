import ChronicleCore
import ChronicleJSON

/// Maps one element of a managed-agents event log onto Chronicle's ``Event``. Types this version
/// does not know are kept as `.unknown` with their JSON, shown and counted.
enum ManagedAgentsEventMapper {
    static func item(for record: RawRecord, sessionID: String, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [unreadable(record)])
        }
        do {
            return SessionItem(record: record, events: [try event(reader)])
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: (try? reader.optionalString("id")) ?? nil, index: 0, kind: .unknown, platformType: ((try? reader.optionalString("type")) ?? nil) ?? "unknown")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? reader.optionalTimestamp("created_at")) ?? nil
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func unreadable(_ record: RawRecord) -> Event {
        Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])
    }

    static func event(_ r: RecordReader) throws(RecordError) -> Event {
        let type = try r.requiredString("type")
        var e = Event(id: try r.requiredString("id"), index: 0, kind: .unknown, platformType: type)
        e.createdAt = try r.optionalTimestamp("created_at")
        switch type {
        case "user.message":
            e.kind = .userMessage
            e.speaker = "user"
            e.blocks = try content(r, "content")
        case "agent.message":
            e.kind = .assistantMessage
            e.speaker = "assistant"
            e.blocks = try content(r, "content")
            e.model = try r.optionalString("model")
            e.usage = try UsageReader.usage(of: r)
            if e.usage != nil { e.requestID = e.id }
        case "agent.tool_use":
            e.kind = .toolCall
            e.speaker = "assistant"
            e.blocks = [.toolCall(id: try r.optionalString("tool_use_id"), name: try r.requiredString("name"), input: r.value["input"] ?? .null)]
        case "agent.tool_result":
            e.kind = .toolResult
            e.speaker = "tool"
            e.blocks = [.toolResult(id: try r.optionalString("tool_use_id"), name: try r.optionalString("name"), output: r.value["content"] ?? .null, isError: try r.optionalBool("is_error"))]
        case "agent.thinking":
            e.kind = .thinking
            e.speaker = "assistant"
            e.blocks = [.thinking(try r.optionalString("thinking") ?? "")]
        case "session.status":
            e.kind = .status
            e.blocks = [.text("Session status: \(try r.optionalString("status") ?? "unknown")", markdown: false)]
        case "session.error":
            e.kind = .error
            let error = r.value["error"]
            let errorType = error?["type"]?.stringValue
            let message = error?["message"]?.stringValue ?? error?.stringValue
            e.blocks = [.text([errorType, message].compactMap { $0 }.joined(separator: ": "), markdown: false)]
            if let error, error.objectMembers != nil { e.blocks.append(.json(error)) }
        default:
            e.kind = .unknown
            e.blocks = [.json(r.value)]
        }
        return e
    }

    /// `content`: an array of blocks (text kept as Markdown, others as JSON) or a plain string.
    static func content(_ r: RecordReader, _ key: String) throws(RecordError) -> [ContentBlock] {
        guard let value = r.value[key], !value.isNull else { return [] }
        if let text = value.stringValue { return [.text(text, markdown: true)] }
        guard let blocks = value.arrayValue else {
            throw r.error(key, "should be an array of content blocks or a string, found \(value.typeName)")
        }
        return blocks.map { block in
            if block["type"]?.stringValue == "text", let text = block["text"]?.stringValue {
                return .text(text, markdown: true)
            }
            return .json(block)
        }
    }
}
