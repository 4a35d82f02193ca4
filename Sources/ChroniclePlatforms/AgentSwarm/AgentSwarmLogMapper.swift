import ChronicleCore
import ChronicleJSON

/// Maps one agent-swarm `LogLine` onto an ``Event``. The line's `content` is one raw JSON line of
/// the agent CLI's stream output (Anthropic Messages API shapes):
///
/// - `assistant` → an assistant message (a tool call or thinking when that is all it holds) with
///   `message.model`, `message.usage` and `requestID = message.id`. The same message id repeats
///   across streamed lines: every line stays an event, and usage is counted once per id.
/// - `user` → a user message, or a tool result when it holds only `tool_result` blocks.
/// - `system` → a system message shown as JSON; `result` → a status (an error when `is_error`).
/// - Another type → unknown, shown as JSON. A `content` that is not JSON is kept verbatim.
enum AgentSwarmLogMapper {
    static func item(for record: RawRecord, taskID: String, sessionID: String, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])])
        }
        do {
            return SessionItem(record: record, events: [try event(reader, taskID: taskID)])
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? reader.optionalTimestamp("createdAt")) ?? nil
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func event(_ r: RecordReader, taskID: String) throws(RecordError) -> Event {
        let content = try r.requiredString("content")
        let lineNumber = try r.optionalInt("lineNumber")
        let iteration = try r.optionalInt("iteration")
        var id: String?
        if let lineNumber {
            id = iteration.map { "\(taskID)#\($0):\(lineNumber)" } ?? "\(taskID)#\(lineNumber)"
        }
        var e = Event(id: id, index: 0, kind: .unknown, platformType: "non_json_line")
        e.createdAt = try r.optionalTimestamp("createdAt")
        guard let line = try? JSONParser.parse(Array(content.utf8)), line.objectMembers != nil else {
            e.speaker = try r.optionalString("cli")
            e.blocks = [.rawText(content)]
            return e
        }
        let l = RecordReader(line, kind: "\(r.kind).content", sessionID: r.sessionID)
        let type = try l.optionalString("type") ?? "untyped"
        e.platformType = type
        switch type {
        case "assistant":
            let m = try message(l)
            e.speaker = "assistant"
            e.model = try m.optionalString("model")
            e.requestID = try m.optionalString("id")
            e.usage = try UsageReader.usage(of: m)
            e.blocks = try ContentBlockReader.blocks(m, toolResults: .anthropic)
            e.kind = kindOf(e.blocks, default: .assistantMessage)
        case "user":
            let m = try message(l)
            e.blocks = try ContentBlockReader.blocks(m, toolResults: .anthropic)
            e.kind = kindOf(e.blocks, default: .userMessage)
            e.speaker = e.kind == .toolResult ? "tool" : "user"
        case "system":
            e.kind = .systemMessage
            e.speaker = "system"
            e.blocks = [.json(line)]
        case "result":
            e.kind = (try l.optionalBool("is_error")) == true ? .error : .status
            var blocks: [ContentBlock] = []
            if let text = try l.optionalString("result") { blocks.append(.text(text, markdown: true)) }
            blocks.append(.json(line))
            e.blocks = blocks
        default:
            e.kind = .unknown
            e.blocks = [.json(line)]
        }
        return e
    }

    /// An event whose blocks are all tool calls, tool results or thinking takes that kind.
    static func kindOf(_ blocks: [ContentBlock], default kind: EventKind) -> EventKind {
        guard !blocks.isEmpty else { return kind }
        if blocks.allSatisfy({ if case .toolCall = $0 { return true } else { return false } }) { return .toolCall }
        if blocks.allSatisfy({ if case .toolResult = $0 { return true } else { return false } }) { return .toolResult }
        if blocks.allSatisfy({ if case .thinking = $0 { return true } else { return false } }) { return .thinking }
        return kind
    }

    static func message(_ l: RecordReader) throws(RecordError) -> RecordReader {
        guard let m = l.value["message"], m.objectMembers != nil else {
            throw l.error("message", "is missing or not an object")
        }
        return RecordReader(m, kind: "\(l.kind).message", sessionID: l.sessionID)
    }
}
