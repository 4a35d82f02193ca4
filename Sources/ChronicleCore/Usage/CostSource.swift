/// Where a cost figure comes from (the `cost_source` column).
public enum CostSource: String, Sendable, Hashable, CaseIterable {
    /// Reported by the platform (agent-swarm's `totalCostUsd`).
    case platform
    /// Computed from Chronicle's price table (built in, or overridden in the configuration).
    case priceTable = "price-table"
    /// A row that sums parts of both kinds (only in daily and model totals).
    case mixed
    /// Not known: no reported cost and a model without a price (the cost cell is empty).
    case unknown
}
