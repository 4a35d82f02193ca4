import ChronicleCore

/// `usage/daily.csv`: per calendar day in the run's time zone × source × agent × model. The zone
/// is named in the first column's header and in the `timezone` column.
public enum DailyTable {
    public static func columns(timezone: String) -> [String] {
        [
            "day (\(timezone))", "timezone", "source", "platform", "agent_id", "model", "sessions", "model_requests",
            "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens",
            "cost_usd", "cost_source",
        ]
    }

    public static func cells(_ r: DailyUsageRow, timezone: String) -> [CSVCell] {
        let c = r.counts
        return [
            r.day.isEmpty ? .empty : .text(r.day), .text(timezone), .text(r.source), .text(r.platform), .text(r.agentID),
            .text(r.model), .int(r.sessions), .int(c.requests),
            .integer(c.inputTokens), .integer(c.outputTokens), .integer(c.cacheReadTokens), .integer(c.cacheWriteTokens),
            .integer(c.totalTokens), .decimal(r.cost.amount), .text(r.cost.source.rawValue),
        ]
    }
}
