/// One row of `models.csv` (and of run.json's reconciliation): a source × model.
public struct ModelUsageRow: Sendable, Hashable {
    public var source: String
    public var platform: String
    public var model: String
    public var sessions: Int
    public var counts: UsageCounts
    public var cost: UsageCost

    public init(source: String, platform: String, model: String, sessions: Int, counts: UsageCounts, cost: UsageCost) {
        self.source = source
        self.platform = platform
        self.model = model
        self.sessions = sessions
        self.counts = counts
        self.cost = cost
    }
}
