import ChronicleJSON

/// One agent: its id, its listing record and (guayaba) its agent-scoped key.
public struct DatasetAgent: Sendable, Hashable {
    public var id: String
    public var name: String
    public var record: JSONValue
    /// A key valid for this agent only (guayaba's `g_agent_…`); nil elsewhere.
    public var agentKey: String?

    public init(id: String, name: String, record: JSONValue, agentKey: String? = nil) {
        self.id = id
        self.name = name
        self.record = record
        self.agentKey = agentKey
    }
}
