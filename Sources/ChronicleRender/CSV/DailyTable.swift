import ChronicleCore

/// `usage/daily.csv`: per calendar day in the run's time zone × source × agent × model. The zone
/// is named in the `timezone` column (the header is the same in every zone).
public enum DailyTable {
    public static let columns = [
        "day", "timezone", "source", "platform", "agent_id", "agent_name", "model", "sessions", "model_requests",
        "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens",
        "cost_usd", "cost_source",
    ]

    public static func cells(_ r: DailyUsageRow, timezone: String) -> [CSVCell] {
        let c = r.counts
        return [
            r.day.isEmpty ? .empty : .text(r.day), .text(timezone), .text(r.source), .text(r.platform), .text(r.agentID), .text(r.agentName),
            .text(r.model), .int(r.sessions), .int(c.requests),
            .integer(c.inputTokens), .integer(c.outputTokens), .integer(c.cacheReadTokens), .integer(c.cacheWriteTokens),
            .integer(c.totalTokens), .decimal(r.cost.amount), .text(r.cost.source.rawValue),
        ]
    }
}
