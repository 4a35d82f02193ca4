/// Identifies one session within a source: the platform's session id under its agent.
///
/// Compared and hashed by UTF-8 bytes, not by Swift's Unicode canonical equivalence: platform ids
/// that differ only by normalisation are different sessions (as they are in SQLite's BINARY
/// collation and on disk).
public struct SessionKey: Sendable, Hashable, Comparable {
    public var agentID: String
    public var sessionID: String

    public init(agentID: String, sessionID: String) {
        self.agentID = agentID
        self.sessionID = sessionID
    }

    public static func == (a: SessionKey, b: SessionKey) -> Bool {
        a.agentID.utf8.elementsEqual(b.agentID.utf8) && a.sessionID.utf8.elementsEqual(b.sessionID.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(agentID.utf8))
        hasher.combine(Array(sessionID.utf8))
    }

    public static func < (a: SessionKey, b: SessionKey) -> Bool {
        if !a.agentID.utf8.elementsEqual(b.agentID.utf8) {
            return a.agentID.utf8.lexicographicallyPrecedes(b.agentID.utf8)
        }
        return a.sessionID.utf8.lexicographicallyPrecedes(b.sessionID.utf8)
    }
}
