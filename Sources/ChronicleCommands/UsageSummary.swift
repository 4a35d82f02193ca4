import ChronicleCore

/// The summary's usage lines: per model, the figures run.json records, for reconciliation with
/// the platform's own usage report.
///
/// Usage the platform reported without naming a model is worded as such ("model not reported");
/// a row without a model that carries no figure at all (no request, no token count, no cost) says
/// nothing a reader can use and is left out (run.json and models.csv keep it).
enum UsageSummary {
    static func lines(_ rows: [ModelUsageRow]) -> [String] {
        rows.compactMap { r in
            let c = r.counts
            let figures = c.requests > 0 || [c.inputTokens, c.outputTokens, c.cacheReadTokens, c.cacheWriteTokens].contains { ($0 ?? 0) != 0 }
                || (r.cost.amount.map { $0 != 0 } ?? false)
            if r.model.isEmpty, !figures { return nil }
            let cost = r.cost.amount.map { "$" + DecimalText.plain($0) } ?? "unknown"
            let model = r.model.isEmpty ? "(model not reported)" : r.model
            return "  usage \(model): \(c.requests) requests, input \(n(c.inputTokens)), output \(n(c.outputTokens)), "
                + "cache-read \(n(c.cacheReadTokens)), cache-write \(n(c.cacheWriteTokens)) tokens, cost \(cost) (\(r.cost.source.rawValue))"
        }
    }

    static func n(_ v: Int64?) -> String { v.map(String.init) ?? "–" }
}
