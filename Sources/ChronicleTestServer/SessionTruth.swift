/// What the export of one session must contain, as the server generated it.
public struct SessionTruth: Sendable, Hashable {
    /// The session id the exporter uses (guayaba: the session key).
    public var id: String
    public var agentID: String
    /// The normalised event ids, in order.
    public var eventIDs: [String]
    /// The artifacts' digests and sizes, sorted.
    public var artifacts: [ArtifactTruth]
    public var usage: UsageTruth
    /// Listed as running (a snapshot).
    public var running: Bool

    public init(id: String, agentID: String, eventIDs: [String], artifacts: [ArtifactTruth], usage: UsageTruth, running: Bool) {
        self.id = id
        self.agentID = agentID
        self.eventIDs = eventIDs
        self.artifacts = artifacts.sorted()
        self.usage = usage
        self.running = running
    }
}
