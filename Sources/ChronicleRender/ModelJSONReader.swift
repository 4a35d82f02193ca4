import ChronicleCore
import ChronicleJSON

/// Reads back what ``ModelJSON`` wrote (archive format version 1): the inverse mapping, used to
/// rebuild pages from archives alone. Missing or mistyped members become nil / defaults, never a
/// crash: an archive is data.
public enum ModelJSONReader {
    public static func session(_ v: JSONValue) -> Session? {
        guard let id = v["id"]?.stringValue else { return nil }
        var cost: String?
        if case .number(let literal)? = v["platform_cost_usd"] { cost = literal }
        var session = Session(
            id: id, agentID: v["agent_id"]?.stringValue ?? "", agentName: v["agent_name"]?.stringValue, title: v["title"]?.stringValue,
            status: v["status"]?.stringValue, createdAt: timestamp(v["created_at"]), updatedAt: timestamp(v["updated_at"]),
            running: v["running"]?.boolValue ?? false, possiblyTruncated: v["possibly_truncated"]?.boolValue ?? false, platformCostUSD: cost
        )
        if let c = v["context_usage"], c.objectMembers != nil {
            let usage = ContextWindowUsage(
                inputTokens: c["input_tokens"]?.int64Value, outputTokens: c["output_tokens"]?.int64Value, reasoningTokens: c["reasoning_tokens"]?.int64Value,
                totalTokens: c["total_tokens"]?.int64Value, modelContextWindow: c["model_context_window"]?.int64Value
            )
            if !usage.isUnknown { session.contextUsage = usage }
        }
        return session
    }

    public static func event(_ v: JSONValue) -> Event? {
        guard let index = v["index"]?.int64Value, let kindText = v["kind"]?.stringValue else { return nil }
        return Event(
            id: v["id"]?.stringValue, index: Int(clamping: index), kind: EventKind(rawValue: kindText) ?? .unknown,
            platformType: v["platform_type"]?.stringValue ?? kindText, createdAt: timestamp(v["created_at"]),
            speaker: v["speaker"]?.stringValue, blocks: (v["blocks"]?.arrayValue ?? []).compactMap(block),
            hidden: v["hidden"]?.boolValue ?? false, hiddenReason: v["hidden_reason"]?.stringValue, model: v["model"]?.stringValue,
            usage: v["usage"].flatMap(usage), requestID: v["request_id"]?.stringValue
        )
    }

    public static func usage(_ v: JSONValue) -> Usage? {
        guard v.objectMembers != nil else { return nil }
        return Usage(
            inputTokens: v["input_tokens"]?.int64Value, outputTokens: v["output_tokens"]?.int64Value,
            cacheReadTokens: v["cache_read_tokens"]?.int64Value, cacheWriteTokens: v["cache_write_tokens"]?.int64Value
        )
    }

    public static func block(_ v: JSONValue) -> ContentBlock? {
        switch v["type"]?.stringValue {
        case "text": return .text(v["text"]?.stringValue ?? "", markdown: v["markdown"]?.boolValue ?? false)
        case "thinking": return .thinking(v["text"]?.stringValue ?? "")
        case "tool_call": return .toolCall(id: v["id"]?.stringValue, name: v["name"]?.stringValue ?? "", input: v["input"] ?? .null)
        case "tool_result":
            return .toolResult(id: v["id"]?.stringValue, name: v["name"]?.stringValue, output: v["output"] ?? .null, isError: v["is_error"]?.boolValue)
        case "artifact": return v["artifact"].flatMap(artifact).map(ContentBlock.artifact)
        case "json": return .json(v["value"] ?? .null)
        case "raw_text": return .rawText(v["text"]?.stringValue ?? "")
        default: return .json(v)
        }
    }

    public static func artifact(_ v: JSONValue) -> ArtifactReference? {
        guard v.objectMembers != nil else { return nil }
        return ArtifactReference(
            artifactID: v["artifact_id"]?.stringValue, name: v["name"]?.stringValue, mediaType: v["media_type"]?.stringValue,
            size: v["size"]?.int64Value, sha256: v["sha256"]?.stringValue, storedPath: v["path"]?.stringValue,
            state: v["state"]?.stringValue.flatMap(ArtifactReference.State.init(rawValue:)) ?? .missing, problem: v["problem"]?.stringValue
        )
    }

    public static func problem(_ v: JSONValue) -> ExportProblem? {
        guard let kind = v["kind"]?.stringValue.flatMap(ExportProblem.Kind.init(rawValue:)) else { return nil }
        return ExportProblem(
            kind, sessionID: v["session_id"]?.stringValue, item: v["item"]?.stringValue, request: v["request"]?.stringValue,
            message: v["message"]?.stringValue ?? ""
        )
    }

    public static func timestamp(_ v: JSONValue?) -> Timestamp? {
        guard let v, let original = v["original"]?.stringValue else { return nil }
        let ms = v["utc"]?.stringValue.flatMap { Timestamp.iso8601($0).epochMilliseconds }
        return Timestamp(original: original, epochMilliseconds: ms)
    }
}
