/// One row of `daily.csv`: a day × source × agent × model.
public struct DailyUsageRow: Sendable, Hashable {
    public var day: String
    public var source: String
    public var platform: String
    public var agentID: String
    /// The agent's name where the platform gives one (empty otherwise).
    public var agentName: String
    public var model: String
    /// Sessions with requests (or, without any request, starting) on that day.
    public var sessions: Int
    public var counts: UsageCounts
    public var cost: UsageCost

    public init(day: String, source: String, platform: String, agentID: String, agentName: String = "", model: String, sessions: Int, counts: UsageCounts, cost: UsageCost) {
        self.agentName = agentName
        self.day = day
        self.source = source
        self.platform = platform
        self.agentID = agentID
        self.model = model
        self.sessions = sessions
        self.counts = counts
        self.cost = cost
    }
}
