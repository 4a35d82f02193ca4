import ChronicleCore

/// Hands cost records from the listing (where they are fetched per agent and matched to sessions)
/// to the export of each session, which writes them into its archive.
actor AgentSwarmCostBook {
    private var bySession: [String: [RawRecord]] = [:]

    static func key(agentID: String, sessionID: String) -> String {
        agentID + "\u{0}" + sessionID
    }

    func store(_ records: [RawRecord], agentID: String, sessionID: String) {
        bySession[Self.key(agentID: agentID, sessionID: sessionID)] = records
    }

    /// The session's cost records, handed out once.
    func take(agentID: String, sessionID: String) -> [RawRecord] {
        bySession.removeValue(forKey: Self.key(agentID: agentID, sessionID: sessionID)) ?? []
    }
}
