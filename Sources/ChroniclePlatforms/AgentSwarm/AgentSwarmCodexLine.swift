import ChronicleCore
import ChronicleJSON

/// `cli` `codex`: each line is `JSON.stringify` of one Codex SDK thread event
/// (`src/providers/codex-adapter.ts`).
///
/// - `thread.started`, `turn.started` → status.
/// - `item.started` of a `command_execution`, `mcp_tool_call` or `web_search` → a tool call.
/// - `item.completed`: `agent_message` → assistant message; `reasoning` → thinking;
///   `command_execution`, `mcp_tool_call`, `web_search`, `file_change` → a tool result (an error
///   when the item failed or the command's exit code is not 0); `error` → an error; other items
///   (`todo_list`) → status.
/// - `item.updated` → status.
/// - `turn.completed` → status with the turn's `usage` (`input_tokens`, which includes the cached
///   part, as the server's cost rows store it; `cached_input_tokens` as cache reads;
///   `output_tokens`). The SDK reports each turn once.
/// - `turn.failed` (`error.message`), `error` (`message`) → an error.
/// - another type → unknown, shown as JSON.
enum AgentSwarmCodexLine {
    static func map(_ l: RecordReader, into e: inout Event) throws(RecordError) {
        e.blocks = [.json(l.value)]
        switch e.platformType {
        case "thread.started", "turn.started", "item.updated":
            e.kind = .status
        case "item.started", "item.completed":
            guard let item = l.value["item"], item.objectMembers != nil else { throw l.error("item", "is missing or not an object") }
            try mapItem(RecordReader(item, kind: "\(l.kind).item", sessionID: l.sessionID), completed: e.platformType == "item.completed", into: &e)
        case "turn.completed":
            e.kind = .status
            if let u = l.value["usage"], u.objectMembers != nil {
                let r = RecordReader(u, kind: "\(l.kind).usage", sessionID: l.sessionID)
                let usage = Usage(inputTokens: try r.optionalInt("input_tokens"), outputTokens: try r.optionalInt("output_tokens"), cacheReadTokens: try r.optionalInt("cached_input_tokens"))
                e.usage = usage.isUnknown ? nil : usage
            }
        case "turn.failed":
            e.kind = .error
            if let text = l.value["error"]?["message"]?.stringValue { e.blocks = [.text(text, markdown: false), .json(l.value)] }
        case "error":
            e.kind = .error
            if let text = try l.optionalString("message") { e.blocks = [.text(text, markdown: false)] }
        default:
            e.kind = .unknown
        }
    }

    static func mapItem(_ item: RecordReader, completed: Bool, into e: inout Event) throws(RecordError) {
        let type = try item.optionalString("type") ?? "untyped"
        let id = try item.optionalString("id")
        let failed = try item.optionalString("status") == "failed"
        e.platformType += ":" + type
        switch (type, completed) {
        case ("agent_message", true):
            e.kind = .assistantMessage
            e.speaker = "assistant"
            e.blocks = [.text(try item.optionalString("text") ?? "", markdown: true)]
        case ("reasoning", true):
            e.kind = .thinking
            e.speaker = "assistant"
            e.blocks = [.thinking(try item.optionalString("text") ?? "")]
        case ("command_execution", false):
            e.kind = .toolCall
            e.blocks = [.toolCall(id: id, name: "shell", input: .object([.init("command", item.value["command"] ?? .null)]))]
        case ("command_execution", true):
            let exit = try item.optionalInt("exit_code")
            e.kind = .toolResult
            e.speaker = "tool"
            e.blocks = [.toolResult(id: id, name: "shell", output: item.value["aggregated_output"] ?? .null, isError: failed || (exit.map { $0 != 0 } ?? false))]
        case ("mcp_tool_call", false):
            e.kind = .toolCall
            e.blocks = [.toolCall(id: id, name: mcpName(item), input: item.value["arguments"] ?? .null)]
        case ("mcp_tool_call", true):
            let error = item.value["error"].flatMap { $0.isNull ? nil : $0 }
            e.kind = .toolResult
            e.speaker = "tool"
            e.blocks = [.toolResult(id: id, name: mcpName(item), output: error ?? item.value["result"] ?? .null, isError: failed || error != nil)]
        case ("web_search", false):
            e.kind = .toolCall
            e.blocks = [.toolCall(id: id, name: "web_search", input: .object([.init("query", item.value["query"] ?? .null)]))]
        case ("web_search", true), ("file_change", true):
            e.kind = .toolResult
            e.speaker = "tool"
            e.blocks = [.toolResult(id: id, name: type, output: item.value, isError: failed)]
        case ("error", true):
            e.kind = .error
            e.blocks = [.text(try item.optionalString("message") ?? "", markdown: false)]
        default:
            e.kind = .status
        }
    }

    static func mcpName(_ item: RecordReader) -> String {
        let server = item.value["server"]?.stringValue
        let tool = item.value["tool"]?.stringValue ?? "tool"
        return server.map { "\($0).\(tool)" } ?? tool
    }
}
