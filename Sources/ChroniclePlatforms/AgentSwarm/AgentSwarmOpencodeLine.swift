import ChronicleCore
import ChronicleJSON

/// `cli` `opencode` (`src/providers/opencode-adapter.ts`): the raw opencode server events
/// (`message.updated`, `message.part.updated`, `session.idle`, … — types with a dot) and the
/// swarm's own provider events, which the adapter also writes to the log as `JSON.stringify`:
///
/// - `message` (`role`, `content`) → an assistant or user message.
/// - `tool_start` (`toolCallId`, `toolName`, `args`) → a tool call; `tool_end` (`result`) → its result.
/// - `result` (`cost`: the run's `CostData`, `output`, `isError`) → status (an error when
///   `isError`) with the run's tokens from `cost` (one request: the run's total, the only usage
///   this format states once; the raw `message.updated` events repeat a message's tokens).
/// - `error` (`message`) → an error; `progress` (`message`) → status.
/// - `session_init`, `context_usage`, `compaction`, `custom` and the raw opencode events → status
///   shown as JSON (their readable content is also in the events above).
/// - another type → unknown, shown as JSON.
enum AgentSwarmOpencodeLine {
    static func map(_ l: RecordReader, into e: inout Event) throws(RecordError) {
        e.blocks = [.json(l.value)]
        switch e.platformType {
        case "message":
            let role = try l.optionalString("role")
            e.kind = role == "user" ? .userMessage : .assistantMessage
            e.speaker = role == "user" ? "user" : "assistant"
            if let text = try l.optionalString("content") { e.blocks = [.text(text, markdown: true)] }
        case "tool_start":
            e.kind = .toolCall
            e.blocks = [.toolCall(id: try l.optionalString("toolCallId"), name: try l.optionalString("toolName") ?? "tool", input: l.value["args"] ?? .null)]
        case "tool_end":
            e.kind = .toolResult
            e.speaker = "tool"
            e.blocks = [.toolResult(id: try l.optionalString("toolCallId"), name: try l.optionalString("toolName"), output: l.value["result"] ?? .null, isError: nil)]
        case "result":
            e.kind = (try l.optionalBool("isError")) == true ? .error : .status
            if let output = try l.optionalString("output") { e.blocks = [.text(output, markdown: true), .json(l.value)] }
            if let cost = l.value["cost"], cost.objectMembers != nil {
                let c = RecordReader(cost, kind: "\(l.kind).cost", sessionID: l.sessionID)
                let usage = Usage(
                    inputTokens: try c.optionalInt("inputTokens"), outputTokens: try c.optionalInt("outputTokens"),
                    cacheReadTokens: try c.optionalInt("cacheReadTokens"), cacheWriteTokens: try c.optionalInt("cacheWriteTokens")
                )
                e.usage = usage.isUnknown ? nil : usage
                e.model = try c.optionalString("model").flatMap { $0.isEmpty ? nil : $0 }
            }
        case "error":
            e.kind = .error
            if let text = try l.optionalString("message") { e.blocks = [.text(text, markdown: false)] }
        case "progress":
            e.kind = .status
            if let text = try l.optionalString("message") { e.blocks = [.text(text, markdown: false)] }
        case "session_init", "context_usage", "compaction", "custom":
            e.kind = .status
        case let type where type.contains("."):
            e.kind = .status
        default:
            e.kind = .unknown
        }
    }
}
