import ChronicleJSON

/// One piece of an event's content.
public enum ContentBlock: Sendable, Hashable {
    /// Text written by a person or a model; `markdown` says whether it is meant as Markdown.
    case text(String, markdown: Bool)
    case thinking(String)
    case toolCall(id: String?, name: String, input: JSONValue)
    case toolResult(id: String?, name: String?, output: JSONValue, isError: Bool?)
    case artifact(ArtifactReference)
    /// Structured content Chronicle shows as JSON (unknown block or event types).
    case json(JSONValue)
    /// Text that is shown verbatim, never interpreted (e.g. a log line that is not JSON).
    case rawText(String)
}
