import ChronicleCore

/// `usage/sessions.csv`: one row per exported session.
public enum SessionsTable {
    public static let columns = [
        "source", "platform", "agent_id", "session_id", "title", "status", "running", "truncated",
        "started_at", "ended_at", "duration_seconds", "events", "user_messages", "assistant_messages",
        "tool_calls", "errors", "models", "model_requests", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "total_tokens", "cost_usd", "cost_source",
        "artifacts", "artifact_bytes",
    ]

    public static func cells(source: String, platform: String, session: Session, totals t: SessionTotals, usage: SessionUsage) -> [CSVCell] {
        let started = (t.firstEvent ?? session.createdAt)?.epochMilliseconds
        let ended = (t.lastEvent ?? session.updatedAt)?.epochMilliseconds
        var duration: Int64?
        if let a = started, let b = ended, b >= a { duration = (b - a) / 1000 }
        let u = usage.counts
        return [
            .text(source), .text(platform), .text(session.agentID), .text(session.id), .text(session.title),
            .text(session.status), .bool(session.running), .bool(session.possiblyTruncated),
            .text(started.map(Timestamp.formatUTC)), .text(ended.map(Timestamp.formatUTC)), .integer(duration),
            .int(t.events), .int(t.userMessages), .int(t.assistantMessages), .int(t.toolCalls), .int(t.errors),
            .text(t.models.joined(separator: "; ")), .int(u.requests),
            .integer(u.inputTokens), .integer(u.outputTokens), .integer(u.cacheReadTokens), .integer(u.cacheWriteTokens),
            .integer(u.totalTokens), .decimal(usage.cost.amount), .text(usage.cost.source.rawValue),
            .int(t.artifacts), .integer(t.artifactBytes),
        ]
    }
}
