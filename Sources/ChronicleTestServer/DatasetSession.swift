import ChronicleJSON

/// One session as the platform stores it: its listing record, its event records in the
/// platform's shape, its artifacts, and the truth an export of it must match.
public struct DatasetSession: Sendable, Hashable {
    /// The id used in URLs and request bodies (guayaba: the session key).
    public var id: String
    public var agentID: String
    /// The record the session listing returns.
    public var listing: JSONValue
    /// The history in order (messages, events); agent-swarm: the session's task chain (root first).
    public var records: [JSONValue]
    /// Agent-swarm: the log lines of each task id, in the session's task order.
    public var logsByTask: [String: [JSONValue]]
    public var artifacts: [DatasetArtifact]
    /// Guayaba: listed under `/sessions/archived`.
    public var archived: Bool
    public var running: Bool
    /// Agent-swarm: the cost rows of each task id, newest first.
    public var costsByTask: [String: [JSONValue]]
    public var truth: SessionTruth

    public init(
        id: String, agentID: String, listing: JSONValue, records: [JSONValue] = [], logsByTask: [String: [JSONValue]] = [:],
        artifacts: [DatasetArtifact] = [], archived: Bool = false, running: Bool = false, costsByTask: [String: [JSONValue]] = [:], truth: SessionTruth
    ) {
        self.id = id
        self.agentID = agentID
        self.listing = listing
        self.records = records
        self.logsByTask = logsByTask
        self.artifacts = artifacts
        self.archived = archived
        self.running = running
        self.costsByTask = costsByTask
        self.truth = truth
    }
}
