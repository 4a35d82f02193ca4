/// A session as it is known from the platform's listing, before its events are fetched.
public struct Session: Sendable, Hashable, Codable {
    public var id: String
    public var agentID: String
    public var agentName: String?
    public var title: String?
    /// The platform's own status word (`completed`, `running`, …), if it has one.
    public var status: String?
    public var createdAt: Timestamp?
    public var updatedAt: Timestamp?
    /// The session is still live: the export is a snapshot.
    public var running: Bool
    /// The platform may have cut the history short (e.g. a history `limit` reached).
    public var possiblyTruncated: Bool
    /// The listing record(s) the session came from.
    public var raw: [RawRecord] = []
    /// The session's cost in US dollars as the platform reports it (agent-swarm's `totalCostUsd`,
    /// summed over the session's cost records), kept as a decimal literal so nothing is rounded;
    /// nil when the platform reports no cost (a price table may supply one later).
    public var platformCostUSD: String?
    /// How full the model's context window is (Vectara's `session_context_usage`): not billing,
    /// never added to token totals; nil when the platform says nothing.
    public var contextUsage: ContextWindowUsage?

    /// Everything but `raw`: the platform's records go to the archive, not to a summary.
    private enum CodingKeys: String, CodingKey {
        case id, agentID, agentName, title, status, createdAt, updatedAt, running, possiblyTruncated, platformCostUSD, contextUsage
    }

    public init(
        id: String, agentID: String, agentName: String? = nil, title: String? = nil, status: String? = nil,
        createdAt: Timestamp? = nil, updatedAt: Timestamp? = nil, running: Bool = false,
        possiblyTruncated: Bool = false, raw: [RawRecord] = [], platformCostUSD: String? = nil
    ) {
        self.id = id
        self.agentID = agentID
        self.agentName = agentName
        self.title = title
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.running = running
        self.possiblyTruncated = possiblyTruncated
        self.raw = raw
        self.platformCostUSD = platformCostUSD
    }
}
