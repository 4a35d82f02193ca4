import ChronicleCore

/// `usage/models.csv`: per source × model totals (the reconciliation rows of run.json).
public enum ModelsTable {
    public static let columns = [
        "source", "platform", "model", "sessions", "model_requests", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "total_tokens", "cost_usd", "cost_source",
    ]

    public static func cells(_ r: ModelUsageRow) -> [CSVCell] {
        let c = r.counts
        return [
            .text(r.source), .text(r.platform), .text(r.model), .int(r.sessions), .int(c.requests),
            .integer(c.inputTokens), .integer(c.outputTokens), .integer(c.cacheReadTokens), .integer(c.cacheWriteTokens),
            .integer(c.totalTokens), .decimal(r.cost.amount), .text(r.cost.source.rawValue),
        ]
    }
}
