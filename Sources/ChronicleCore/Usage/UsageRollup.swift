/// Sums the sessions of one source's run into the rows of `daily.csv` and `models.csv`.
public struct UsageRollup: Sendable {
    public let source: String
    public let platform: String
    private var daily: [DayKey: Entry] = [:]
    private var models: [ExactText: Entry] = [:]
    /// Agent id → the name a session gave it (the first one seen).
    private var agentNames: [ExactText: String] = [:]

    private struct DayKey: Hashable, Sendable {
        var day: String
        var agentID: ExactText
        var model: ExactText
    }

    private struct Entry: Sendable {
        var sessions: Set<ExactText> = []
        var counts = UsageCounts()
        var cost = UsageCost.none
    }

    public init(source: String, platform: String) {
        self.source = source
        self.platform = platform
    }

    public mutating func add(session: Session, usage: SessionUsage) {
        let sessionKey = ExactText(session.agentID + "\u{0}" + session.id)
        if let name = session.agentName, agentNames[ExactText(session.agentID)] == nil { agentNames[ExactText(session.agentID)] = name }
        for b in usage.buckets {
            let key = DayKey(day: b.day, agentID: ExactText(session.agentID), model: ExactText(b.model))
            daily[key, default: Entry()].sessions.insert(sessionKey)
            daily[key, default: Entry()].counts.add(b.counts)
            daily[key, default: Entry()].cost.add(b.cost)
            models[ExactText(b.model), default: Entry()].sessions.insert(sessionKey)
            models[ExactText(b.model), default: Entry()].counts.add(b.counts)
            models[ExactText(b.model), default: Entry()].cost.add(b.cost)
        }
    }

    /// Sorted by day, agent, model.
    public var dailyRows: [DailyUsageRow] {
        daily.keys.sorted { ($0.day, $0.agentID, $0.model) < ($1.day, $1.agentID, $1.model) }.map { k in
            let e = daily[k] ?? Entry()
            return DailyUsageRow(day: k.day, source: source, platform: platform, agentID: k.agentID.text, agentName: agentNames[k.agentID] ?? "", model: k.model.text, sessions: e.sessions.count, counts: e.counts, cost: e.cost)
        }
    }

    /// Sorted by model.
    public var modelRows: [ModelUsageRow] {
        models.keys.sorted().map { m in
            let e = models[m] ?? Entry()
            return ModelUsageRow(source: source, platform: platform, model: m.text, sessions: e.sessions.count, counts: e.counts, cost: e.cost)
        }
    }
}
