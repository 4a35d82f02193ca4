import ChronicleCore
import ChronicleJSON

/// Chronicle's normalised model as JSON, with a fixed member order so archives are deterministic
/// (format version 1): the archive's `session` and summary, run.json's shared pieces. Events,
/// written once per event, go straight to bytes (``ModelJSONBytes``).
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

    /// An artifact reference as a tree (the archive's summary); ``ModelJSONBytes`` writes the
    /// same object as bytes in events and the artifact list (a test holds the two equal).
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
