/// One session's usage: its totals, its cost and its per-day, per-model buckets (sorted by day
/// then model). The totals equal the sum of the buckets.
public struct SessionUsage: Sendable, Hashable, Codable {
    public var counts: UsageCounts
    public var cost: UsageCost
    public var buckets: [UsageBucket]

    public init(counts: UsageCounts, cost: UsageCost, buckets: [UsageBucket]) {
        self.counts = counts
        self.cost = cost
        self.buckets = buckets
    }
}
