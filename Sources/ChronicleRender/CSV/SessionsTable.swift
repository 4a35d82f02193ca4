import ChronicleCore

/// `usage/sessions.csv`: one row per exported session. Times are `YYYY-MM-DD HH:MM:SS` in the
/// zone the `timezone` column names (what a spreadsheet reads as a date); the figures are the
/// session's ``SessionFigures``.
public enum SessionsTable {
    public static let columns = [
        "source", "platform", "agent_id", "agent_name", "session_id", "title", "status", "running", "truncated",
        "started_at", "ended_at", "timezone", "duration_seconds", "events", "user_messages", "assistant_messages",
        "tool_calls", "errors", "models", "model_requests", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "total_tokens", "cost_usd", "cost_source",
        "artifacts", "artifact_bytes",
    ]

    public static func cells(source: String, platform: String, session: Session, totals t: SessionTotals, usage: SessionUsage, calendar: UsageCalendar) -> [CSVCell] {
        let started = (t.firstEvent ?? session.createdAt)?.epochMilliseconds
        let ended = (t.lastEvent ?? session.updatedAt)?.epochMilliseconds
        var duration: Int64?
        if let a = started, let b = ended, b >= a { duration = (b - a) / 1000 }
        let f = SessionFigures(totals: t, usage: usage)
        return [
            .text(source), .text(platform), .text(session.agentID), .text(session.agentName ?? ""), .text(session.id), .text(session.title),
            .text(session.status), .bool(session.running), .bool(session.possiblyTruncated),
            .text(started.map { calendar.dateTime(epochMilliseconds: $0) }), .text(ended.map { calendar.dateTime(epochMilliseconds: $0) }),
            .text(calendar.identifier), .integer(duration),
            .int(t.events), .int(t.userMessages), .int(t.assistantMessages), .int(f.toolCalls), .int(f.errors),
            .text(t.models.joined(separator: "; ")), .int(f.requests),
            .integer(f.inputTokens), .integer(f.outputTokens), .integer(f.cacheReadTokens), .integer(f.cacheWriteTokens),
            .integer(f.totalTokens), .decimal(f.cost.amount), .text(f.cost.source.rawValue),
            .int(t.artifacts), .integer(t.artifactBytes),
        ]
    }
}
