import ChronicleCore
import ChronicleJSON

/// Maps a `SessionView` of `GET /sessions/` (`{"session": {...}, "is_running", "status", "team"}`)
/// onto a ``Session``. The status word is the view's `status` (`idle`, `running`,
/// `awaiting_permission`, `awaiting_external_result`); the session is live when it is `running`
/// (`is_running`, deprecated, only when there is no `status`). Session times are UTC (SQL storage):
/// zoneless text is read as UTC whatever the server's zone.
enum AgentScopeSessionMapper {
    static func session(_ record: RawRecord, agent: Agent) throws(RecordError) -> Session {
        let view = try RecordReader(raw: record, sessionID: nil)
        guard let inner = view.value["session"], inner.objectMembers != nil else {
            throw view.error("session", "is missing or not an object")
        }
        let id = inner["id"]?.stringValue
        let s = RecordReader(inner, kind: "session.session", sessionID: id)
        let title: String?
        switch s.value["config"]?["name"] {
        case nil, .null?: title = nil
        case .string(let t)?: title = t
        case let other?: throw s.error("config.name", "should be a string, found \(other.typeName)")
        }
        let status = try view.optionalString("status")
        let running: Bool
        if let status {
            running = status == "running"
        } else {
            running = try view.optionalBool("is_running") ?? false
        }
        return Session(
            id: try s.requiredString("id"), agentID: try s.optionalString("agent_id") ?? agent.id, agentName: agent.name,
            title: title, status: status ?? (running ? "running" : nil),
            createdAt: try s.optionalTimestamp("created_at"), updatedAt: try s.optionalTimestamp("updated_at"),
            running: running, raw: [record]
        )
    }

    /// `session.config.chat_model_config` of the listing record: the model name and the
    /// provider type (lowercased).
    static func chatModel(of session: Session) -> (model: String?, type: String?) {
        guard let record = session.raw.first, let view = try? JSONParser.parse(record.bytes) else { return (nil, nil) }
        let config = view["session"]?["config"]?["chat_model_config"]
        return (config?["model"]?.stringValue, config?["type"]?.stringValue?.lowercased())
    }
}
