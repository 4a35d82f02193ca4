import ChronicleJSON

/// The AgentScope Agent Service (`agentscope.md`), mounted at the root: `x-user-id` (or
/// Bearer), `agent_id` required (422 in FastAPI's shape), messages paged by `offset` + `limit`
/// (1–200, default 50).
public struct AgentScopePlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        if status == 422 {
            return JSONBuilder.bytes(JSONBuilder.object(["detail": .array([JSONBuilder.object([
                "loc": .array([.string("query"), .string(message)]), "msg": .string("Field required or invalid"), "type": .string("missing"),
            ])])]))
        }
        return JSONBuilder.bytes(JSONBuilder.object(["detail": .string(message)]))
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? {
        request.header("x-user-id") ?? Self.bearer(request)
    }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard presentedCredential(request) == dataset.token else { return error(401, "Not authenticated") }
        guard request.method == "GET" else { return error(405, "Method Not Allowed") }
        let c = request.components
        guard let agent = request.query("agent_id") else { return error(422, "agent_id") }
        let mine = dataset.sessions(of: agent)
        switch c.count {
        case 1 where c[0] == "sessions":
            return .json(JSONBuilder.object(["sessions": .array(mine.map(\.listing)), "total": JSONBuilder.int(mine.count)]))
        case 3 where c[0] == "sessions" && c[2] == "messages":
            guard let s = mine.first(where: { $0.id == c[1] }) else { return error(404, "Session not found") }
            let limit = Int(request.query("limit") ?? "50") ?? -1
            let offset = Int(request.query("offset") ?? "0") ?? -1
            guard (1...200).contains(limit) else { return error(422, "limit") }
            guard offset >= 0 else { return error(422, "offset") }
            let (slice, _) = Paging.slice(s.records, offset: offset, limit: limit)
            return .json(JSONBuilder.object(["messages": .array(slice), "is_running": .bool(s.running)]))
        default:
            return error(404, "Not Found")
        }
    }
}
