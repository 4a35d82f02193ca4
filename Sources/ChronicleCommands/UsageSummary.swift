import ChronicleCore

/// The summary's usage lines: per model, the figures run.json records, for reconciliation with
/// the platform's own usage report.
enum UsageSummary {
    static func lines(_ rows: [ModelUsageRow]) -> [String] {
        rows.map { r in
            let c = r.counts
            let cost = r.cost.amount.map { "$" + DecimalText.plain($0) } ?? "unknown"
            return "  usage \(r.model.isEmpty ? "(no model)" : r.model): \(c.requests) requests, input \(n(c.inputTokens)), output \(n(c.outputTokens)), "
                + "cache-read \(n(c.cacheReadTokens)), cache-write \(n(c.cacheWriteTokens)) tokens, cost \(cost) (\(r.cost.source.rawValue))"
        }
    }

    static func n(_ v: Int64?) -> String { v.map(String.init) ?? "–" }
}
