import ChronicleCore
import ChronicleJSON

/// Reads Anthropic-style `content`: a string, or an array of blocks (`text`, `thinking`,
/// `tool_use`, `tool_result`); any other block is kept as JSON, never dropped.
enum ContentBlockReader {
    /// Where a `tool_result` block keeps its id and output.
    enum ToolResultShape {
        /// Anthropic Messages API: `tool_use_id`, `content`, `is_error`.
        case anthropic
    }

    static func blocks(_ r: RecordReader, key: String = "content", toolResults: ToolResultShape) throws(RecordError) -> [ContentBlock] {
        switch r.value[key] {
        case nil, .null?:
            return []
        case .string(let text)?:
            return [.text(text, markdown: true)]
        case .array(let items)?:
            return items.map { block($0, toolResults: toolResults) }
        case let other?:
            throw r.error(key, "should be a string or an array, found \(other.typeName)")
        }
    }

    static func block(_ b: JSONValue, toolResults: ToolResultShape) -> ContentBlock {
        switch b["type"]?.stringValue {
        case "text":
            if let text = b["text"]?.stringValue { return .text(text, markdown: true) }
        case "thinking":
            if let text = b["thinking"]?.stringValue { return .thinking(text) }
        case "tool_use":
            if let name = b["name"]?.stringValue {
                return .toolCall(id: b["id"]?.stringValue, name: name, input: b["input"] ?? .null)
            }
        case "tool_result":
            switch toolResults {
            case .anthropic:
                return .toolResult(id: b["tool_use_id"]?.stringValue, name: nil, output: b["content"] ?? .null, isError: b["is_error"]?.boolValue)
            }
        default:
            break
        }
        return .json(b)
    }
}
