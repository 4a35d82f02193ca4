import ChronicleCore
import ChronicleJSON

/// Chronicle's normalised model as JSON, with a fixed member order so archives are deterministic.
/// This is the archive's `session`, `events` and `artifacts` vocabulary (format version 1).
public enum ModelJSON {
    public static func session(_ s: Session, source: SourceDescriptor) -> JSONValue {
        var members: [JSONMember] = [
            .init("id", .string(s.id)),
            .init("agent_id", .string(s.agentID)),
            .init("agent_name", optional(s.agentName)),
            .init("title", optional(s.title)),
            .init("status", optional(s.status)),
            .init("created_at", timestamp(s.createdAt)),
            .init("updated_at", timestamp(s.updatedAt)),
            .init("running", .bool(s.running)),
            .init("possibly_truncated", .bool(s.possiblyTruncated)),
            .init("platform", .string(source.platform.rawValue)),
        ]
        // Only where the platform reports a cost, so other platforms' archives are unchanged.
        if let cost = s.platformCostUSD { members.append(.init("platform_cost_usd", .number(cost))) }
        // Only where the platform reports it (vectara), likewise.
        if let context = s.contextUsage { members.append(.init("context_usage", contextUsage(context))) }
        return .object(members)
    }

    /// Context-window figures (not billing): `input_tokens`, `output_tokens`, `reasoning_tokens`,
    /// `total_tokens`, `model_context_window`; unknown ones null.
    public static func contextUsage(_ c: ContextWindowUsage) -> JSONValue {
        func n(_ v: Int64?) -> JSONValue { v.map { .number(String($0)) } ?? .null }
        return .object([
            .init("input_tokens", n(c.inputTokens)), .init("output_tokens", n(c.outputTokens)), .init("reasoning_tokens", n(c.reasoningTokens)),
            .init("total_tokens", n(c.totalTokens)), .init("model_context_window", n(c.modelContextWindow)),
        ])
    }

    public static func event(_ e: Event) -> JSONValue {
        .object([
            .init("index", .number(String(e.index))),
            .init("id", optional(e.id)),
            .init("kind", .string(e.kind.rawValue)),
            .init("platform_type", .string(e.platformType)),
            .init("created_at", timestamp(e.createdAt)),
            .init("speaker", optional(e.speaker)),
            .init("hidden", .bool(e.hidden)),
            .init("hidden_reason", optional(e.hiddenReason)),
            .init("model", optional(e.model)),
            .init("request_id", optional(e.requestID)),
            .init("usage", e.usage.map(usage) ?? .null),
            .init("blocks", .array(e.blocks.map(block))),
        ])
    }

    public static func usage(_ u: Usage) -> JSONValue {
        .object([
            .init("input_tokens", number(u.inputTokens)),
            .init("output_tokens", number(u.outputTokens)),
            .init("cache_read_tokens", number(u.cacheReadTokens)),
            .init("cache_write_tokens", number(u.cacheWriteTokens)),
        ])
    }

    public static func block(_ b: ContentBlock) -> JSONValue {
        switch b {
        case .text(let text, let markdown):
            return .object([.init("type", .string("text")), .init("markdown", .bool(markdown)), .init("text", .string(text))])
        case .thinking(let text):
            return .object([.init("type", .string("thinking")), .init("text", .string(text))])
        case .toolCall(let id, let name, let input):
            return .object([.init("type", .string("tool_call")), .init("id", optional(id)), .init("name", .string(name)), .init("input", input)])
        case .toolResult(let id, let name, let output, let isError):
            return .object([
                .init("type", .string("tool_result")), .init("id", optional(id)), .init("name", optional(name)),
                .init("output", output), .init("is_error", isError.map(JSONValue.bool) ?? .null),
            ])
        case .artifact(let ref):
            return .object([.init("type", .string("artifact")), .init("artifact", artifact(ref))])
        case .json(let value):
            return .object([.init("type", .string("json")), .init("value", value)])
        case .rawText(let text):
            return .object([.init("type", .string("raw_text")), .init("text", .string(text))])
        }
    }

    public static func artifact(_ a: ArtifactReference) -> JSONValue {
        .object([
            .init("artifact_id", optional(a.artifactID)),
            .init("name", optional(a.name)),
            .init("media_type", optional(a.mediaType)),
            .init("size", number(a.size)),
            .init("sha256", optional(a.sha256)),
            .init("path", optional(a.storedPath)),
            .init("state", .string(a.state.rawValue)),
            .init("problem", optional(a.problem)),
        ])
    }

    public static func problem(_ p: ExportProblem) -> JSONValue {
        .object([
            .init("kind", .string(p.kind.rawValue)),
            .init("session_id", optional(p.sessionID)),
            .init("item", optional(p.item)),
            .init("request", optional(p.request)),
            .init("message", .string(p.message)),
        ])
    }

    public static func timestamp(_ t: Timestamp?) -> JSONValue {
        guard let t else { return .null }
        return .object([
            .init("original", .string(t.original)),
            .init("utc", t.epochMilliseconds.map { .string(Timestamp.formatUTC($0)) } ?? .null),
        ])
    }

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func number(_ n: Int64?) -> JSONValue { n.map { .number(String($0)) } ?? .null }
    public static func number(_ n: Int) -> JSONValue { .number(String(n)) }
}
