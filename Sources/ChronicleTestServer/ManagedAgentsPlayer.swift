import ChronicleJSON

/// A managed-agents style API (`managed-agents.md`), mounted at `/v1`: cursor paging
/// (`limit` 1–100, default 20, `next_cursor` null on the last page), the event log as one array,
/// files as raw bytes with their `Content-Type`.
public struct ManagedAgentsPlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "/v1" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        let type: String
        switch status {
        case 401: type = "authentication_error"
        case 403: type = "permission_error"
        case 404: type = "not_found_error"
        case 429: type = "rate_limit_error"
        case 529: type = "overloaded_error"
        case 400..<500: type = "invalid_request_error"
        default: type = "api_error"
        }
        return JSONBuilder.bytes(JSONBuilder.object(["error": JSONBuilder.object(["type": .string(type), "message": .string(message)])]))
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? { Self.bearer(request) }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard presentedCredential(request) == dataset.token else { return error(401, "Invalid or missing API key") }
        guard request.method == "GET" else { return error(405, "Method not allowed") }
        let c = request.components
        switch c.count {
        case 1 where c[0] == "agents":
            return page(dataset.agents.map(\.record), request, options)
        case 1 where c[0] == "sessions":
            var sessions = dataset.sessions
            if let agent = request.query("agent_id") { sessions = sessions.filter { $0.agentID == agent } }
            return page(sessions.map(\.listing), request, options)
        case 2 where c[0] == "sessions":
            guard let s = dataset.session(c[1]) else { return error(404, "Session not found") }
            return .json(s.listing)
        case 3 where c[0] == "sessions" && c[2] == "events":
            guard let s = dataset.session(c[1]) else { return error(404, "Session not found") }
            return .json(.array(s.records))
        case 1 where c[0] == "files":
            guard let sid = request.query("session_id") else { return error(400, "session_id is required") }
            guard let s = dataset.session(sid) else { return error(404, "Session not found") }
            return page(s.artifacts.map { file($0, session: sid) }, request, options)
        case 3 where c[0] == "files" && c[2] == "content":
            for s in dataset.sessions {
                if let f = s.artifacts.first(where: { $0.id == c[1] }) {
                    return PlayerResponse(headers: [("content-type", f.mediaType)], body: f.bytes)
                }
            }
            return error(404, "File not found")
        default:
            return error(404, "Not found")
        }
    }

    func file(_ f: DatasetArtifact, session: String) -> JSONValue {
        JSONBuilder.object([
            "id": .string(f.id), "session_id": .string(session), "filename": .string(f.filename), "mime_type": .string(f.mediaType),
            "size_bytes": JSONBuilder.int(f.bytes.count), "created_at": .string(ISOTime.seconds(f.createdAtMs)),
        ])
    }

    func page(_ items: [JSONValue], _ request: PlayerRequest, _ options: PlayOptions) -> PlayerResponse {
        guard let limit = Self.limit(request, default: 20, range: 1...100) else { return error(400, "limit must be between 1 and 100") }
        guard let offset = Paging.offset(request.query("cursor")) else { return error(400, "invalid cursor") }
        let (slice, next) = Paging.slice(items, offset: offset, limit: limit)
        let cursor: JSONValue = options.repeatCursor ? .string(Paging.loopCursor) : next.map { .string(Paging.cursor($0)) } ?? .null
        return .json(JSONBuilder.object(["data": .array(slice), "next_cursor": cursor]))
    }
}
