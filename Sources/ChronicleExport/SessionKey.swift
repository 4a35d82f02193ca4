/// Identifies one session within a source: the platform's session id under its agent.
public struct SessionKey: Sendable, Hashable, Comparable {
    public var agentID: String
    public var sessionID: String

    public init(agentID: String, sessionID: String) {
        self.agentID = agentID
        self.sessionID = sessionID
    }

    public static func < (a: SessionKey, b: SessionKey) -> Bool {
        (a.agentID, a.sessionID) < (b.agentID, b.sessionID)
    }
}
