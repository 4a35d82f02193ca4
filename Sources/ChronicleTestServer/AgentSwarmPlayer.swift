import ChronicleJSON

/// Agent Swarm (`agent-swarm.md`), mounted at the root: `/api/sessions` with `limit` + `offset`
/// and `total` (newest first, so rows shift when one arrives), active sessions per agent, log
/// lines per task and cost records per agent.
public struct AgentSwarmPlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        JSONBuilder.bytes(JSONBuilder.object(["error": .string(message)]))
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? { Self.bearer(request) }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard presentedCredential(request) == dataset.token else { return error(401, "Unauthorized") }
        guard request.method == "GET" else { return error(405, "Method not allowed") }
        let c = request.components
        switch c {
        case ["api", "sessions"]:
            let limit = Int(request.query("limit") ?? "") ?? 50
            let offset = Int(request.query("offset") ?? "") ?? 0
            guard limit >= 1, limit <= 500, offset >= 0 else { return error(400, "invalid limit or offset") }
            let (slice, _) = Paging.slice(dataset.sessions.map(\.listing), offset: offset, limit: limit)
            return .json(JSONBuilder.object([
                "sessions": .array(slice), "total": JSONBuilder.int(dataset.sessions.count), "limit": JSONBuilder.int(limit), "offset": JSONBuilder.int(offset),
            ]))
        case ["api", "active-sessions"]:
            let agent = request.query("agentId")
            let active = dataset.sessions.filter { $0.running && (agent == nil || $0.agentID == agent) }.map { s in
                JSONBuilder.object([
                    "id": .string("as_" + s.id), "agentId": .string(s.agentID), "taskId": .string(s.id), "triggerType": .string("slack"),
                    "inboxMessageId": .null, "taskDescription": s.listing["title"] ?? .null, "runnerSessionId": .null,
                    "providerSessionId": s.listing["providerSessionId"] ?? .null,
                    "startedAt": s.listing["createdAt"] ?? .null, "lastHeartbeatAt": s.listing["updatedAt"] ?? .null,
                ])
            }
            return .json(JSONBuilder.object(["sessions": .array(active)]))
        case ["api", "session-costs"]:
            let agent = request.query("agentId")
            let limit = Int(request.query("limit") ?? "") ?? 100
            let costs = dataset.sessions.filter { agent == nil || $0.agentID == agent }.compactMap(\.cost)
            return .json(JSONBuilder.object(["costs": .array(Array(costs.prefix(limit)))]))
        case let p where p.count == 4 && p[0] == "api" && p[1] == "tasks" && p[3] == "session-logs":
            for s in dataset.sessions {
                if let logs = s.logsByTask[p[2]] { return .json(JSONBuilder.object(["logs": .array(logs)])) }
            }
            return error(404, "Task not found")
        default:
            return error(404, "Not found")
        }
    }
}
