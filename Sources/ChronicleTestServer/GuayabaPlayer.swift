import ChronicleJSON

/// Guayaba Public API v1 (`guayaba.md`), mounted at `/api/v1`: bare unpaged arrays, a POST
/// history with `limit`, master and agent-scoped keys (an agent key for another agent: 403).
public struct GuayabaPlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "/api/v1" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        let code: String
        switch status {
        case 401: code = "unauthorized"
        case 403: code = "forbidden"
        case 404: code = "not_found"
        case 429: code = "rate_limited"
        case 400..<500: code = "bad_request"
        default: code = "internal_error"
        }
        return JSONBuilder.bytes(JSONBuilder.object(["error": .string(code), "message": .string(message)]))
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? { Self.bearer(request) }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        let c = request.components
        guard let key = presentedCredential(request) else { return error(401, "Invalid or missing API key") }
        let agentKeyOwner = dataset.agents.first { $0.agentKey == key }?.id
        guard key == dataset.token || agentKeyOwner != nil else { return error(401, "Invalid or missing API key") }
        if c == ["agents"], request.method == "GET" {
            guard agentKeyOwner == nil else { return error(403, "Key lacks the required scope") }
            return .json(.array(dataset.agents.map(\.record)))
        }
        guard c.count >= 3, c[0] == "agents", c[2] == "sessions" else { return error(404, "Not found") }
        let agentID = c[1]
        if let owner = agentKeyOwner, owner != agentID { return error(403, "Key lacks the required scope") }
        guard dataset.agents.contains(where: { $0.id == agentID }) else { return error(404, "Agent not found") }
        let mine = dataset.sessions(of: agentID)
        switch (request.method, Array(c.dropFirst(3))) {
        case ("GET", []):
            return .json(.array(mine.filter { !$0.archived }.map(\.listing)))
        case ("GET", ["archived"]):
            return .json(.array(mine.filter(\.archived).map(\.listing)))
        case ("POST", ["history"]):
            guard let body = try? JSONParser.parse(request.body), let sessionKey = body["sessionKey"]?.stringValue else {
                return error(400, "body must be {\"sessionKey\": \"…\", \"limit\": N}")
            }
            let limit = body["limit"].flatMap(\.int64Value).map { Int($0) } ?? 1000
            guard (1...1000).contains(limit) else { return error(400, "limit must be between 1 and 1000") }
            guard let session = mine.first(where: { $0.id == sessionKey }) else { return error(404, "Session not found") }
            return .json(.array(Array(session.records.prefix(limit))))
        default:
            return error(404, "Not found")
        }
    }
}
