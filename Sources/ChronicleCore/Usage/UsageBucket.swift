/// One session's requests of one model on one day (in the run's time zone).
public struct UsageBucket: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`, or empty when neither the request nor the session has a readable time.
    public var day: String
    /// The model name, or empty when the platform did not name it.
    public var model: String
    public var counts: UsageCounts
    public var cost: UsageCost

    public init(day: String, model: String, counts: UsageCounts, cost: UsageCost) {
        self.day = day
        self.model = model
        self.counts = counts
        self.cost = cost
    }
}
