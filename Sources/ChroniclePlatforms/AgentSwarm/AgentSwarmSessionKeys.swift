import ChronicleCore

/// The ids of one agent-swarm session that other endpoints refer to: the task ids whose logs make
/// up its history, and the ids that active sessions and cost records use to point at it.
struct AgentSwarmSessionKeys: Sendable, Hashable {
    var sessionID: String
    var agentID: String?
    var rootTaskID: String?
    /// `taskIds` in the platform's order; `[rootTaskId ?? id]` when the record has none.
    var taskIDs: [String]
    /// `providerSessionId` (the agent CLI's session id, `prov_88`), when the record has one.
    var providerSessionID: String?

    /// Reads the keys of a `SwarmSession` record.
    init(_ r: RecordReader) throws(RecordError) {
        sessionID = try r.requiredString("id")
        agentID = try r.optionalString("agentId")
        rootTaskID = try r.optionalString("rootTaskId")
        providerSessionID = try r.optionalString("providerSessionId")
        var tasks: [String] = []
        for (i, element) in (try r.optionalArray("taskIds") ?? []).enumerated() {
            guard let id = element.stringValue else {
                throw r.error("taskIds[\(i)]", "should be a string, found \(element.typeName)")
            }
            if !tasks.contains(id) { tasks.append(id) }
        }
        taskIDs = tasks.isEmpty ? [rootTaskID ?? sessionID] : tasks
    }

    /// Task ids a record may use to point at this session: `id`, `rootTaskId` and `taskIds`.
    var taskReferences: Set<String> {
        var refs = Set(taskIDs)
        refs.insert(sessionID)
        if let rootTaskID { refs.insert(rootTaskID) }
        return refs
    }

    /// Whether a record with this `taskId` and `sessionId`/`providerSessionId` belongs to the
    /// session. Matching, in order: the task id is one of the session's task ids (`id`,
    /// `rootTaskId`, `taskIds`); else the provider session id equals the session's
    /// `providerSessionId`; else the record's session id equals the session's `id`.
    func matches(taskID: String?, providerSessionID other: String?) -> Bool {
        if let taskID, taskReferences.contains(taskID) { return true }
        guard let other else { return false }
        if let providerSessionID, providerSessionID == other { return true }
        return other == sessionID
    }
}
