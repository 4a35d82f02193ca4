import ChronicleCore
import ChronicleJSON

/// `claude -p --output-format stream-json` lines (`cli` `claude`), and the lines of harnesses that
/// write the same envelope: `pi` (`{"type":"assistant","message":{"role","content","model"}}`, its
/// tool results inside *assistant* lines) and `devin` (`{"type":"user|assistant|system",
/// "message":{"role","content"}}`).
///
/// - `assistant` → an assistant message (a tool call, tool result or thinking when that is all it
///   holds) with `message.model`, `message.usage` and `requestID = message.id`: claude streams one
///   content block per line and repeats the message's usage on each, counted once per id.
/// - `user` → a user message, or a tool result when it holds only `tool_result` blocks.
/// - `system` → a system message: its `message.content` when it has text, else the line as JSON
///   (claude's `init`; devin's status lines, whose content is in `provider_meta`).
/// - `result` → a status line (an error when `is_error`) with the result text; its `usage` is the
///   run's total, already counted by the messages, so it is not usage of its own.
/// - another type → unknown, shown as JSON.
enum AgentSwarmClaudeLine {
    static func map(_ l: RecordReader, into e: inout Event) throws(RecordError) {
        switch e.platformType {
        case "assistant":
            let m = try message(l)
            e.speaker = "assistant"
            e.model = try m.optionalString("model")
            e.requestID = try m.optionalString("id")
            e.usage = try UsageReader.usage(of: m)
            e.blocks = try ContentBlockReader.blocks(m, toolResults: .anthropic)
            e.kind = AgentSwarmLogMapper.kindOf(e.blocks, default: .assistantMessage)
            if e.kind == .toolResult { e.speaker = "tool" }
        case "user":
            let m = try message(l)
            e.blocks = try ContentBlockReader.blocks(m, toolResults: .anthropic)
            e.kind = AgentSwarmLogMapper.kindOf(e.blocks, default: .userMessage)
            e.speaker = e.kind == .toolResult ? "tool" : "user"
        case "system":
            e.kind = .systemMessage
            e.speaker = "system"
            if let m = l.value["message"], m.objectMembers != nil {
                e.blocks = try ContentBlockReader.blocks(RecordReader(m, kind: "\(l.kind).message", sessionID: l.sessionID), toolResults: .anthropic)
                    .filter { if case .text(let text, _) = $0 { return !text.isEmpty } else { return true } }
            }
            // devin's status lines have an empty message and their content in `provider_meta`.
            if e.blocks.isEmpty { e.blocks = [.json(l.value)] }
        case "result":
            e.kind = (try l.optionalBool("is_error")) == true ? .error : .status
            var blocks: [ContentBlock] = []
            if let text = try l.optionalString("result") { blocks.append(.text(text, markdown: true)) }
            blocks.append(.json(l.value))
            e.blocks = blocks
        default:
            e.kind = .unknown
            e.blocks = [.json(l.value)]
        }
    }

    static func message(_ l: RecordReader) throws(RecordError) -> RecordReader {
        guard let m = l.value["message"], m.objectMembers != nil else {
            throw l.error("message", "is missing or not an object")
        }
        return RecordReader(m, kind: "\(l.kind).message", sessionID: l.sessionID)
    }
}
