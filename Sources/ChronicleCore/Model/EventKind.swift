/// What an event is, normalised across platforms.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case userMessage = "user_message"
    case assistantMessage = "assistant_message"
    case systemMessage = "system_message"
    case thinking
    case toolCall = "tool_call"
    case toolResult = "tool_result"
    case artifact
    case status
    case error
    /// A type this version of Chronicle does not know: kept, counted and shown as raw JSON.
    case unknown
}
