import ChronicleJSON

/// The AgentScope 2.0.11 Agent Service (`agentscope.md`), mounted at the root, as the real one
/// answers: the user id in `x-user-id` only (missing or Bearer only → 422 in FastAPI's shape,
/// empty → 401); another user id sees no agents, gets 404 `Agent '…' not found.` on a session
/// listing and 404 for sessions; routes end in `/` (`/sessions` and `/agent` answer 307 to the
/// slash form, an absolute `Location` from `Host`); messages newest page first, `before=<id>`
/// for older pages, `has_more`, `event_cursor` on the newest page only, `offset` ignored,
/// unknown `before` → an empty page, `limit` 1…200 (default 50, else 422).
public struct AgentScopePlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        JSONBuilder.bytes(JSONBuilder.object(["detail": .string(message)]))
    }

    /// FastAPI's validation error: `{"detail": [{"type", "loc", "msg", "input"}]}` (422).
    func validationError(_ type: String, _ loc: [String], _ msg: String, input: JSONValue = .null) -> PlayerResponse {
        .json(JSONBuilder.object(["detail": .array([JSONBuilder.object([
            "type": .string(type), "loc": .array(loc.map { .string($0) }), "msg": .string(msg), "input": input,
        ])])]), status: 422)
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? {
        request.header("x-user-id")
    }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        let c = request.components
        let slash = request.rawPath.hasSuffix("/")
        // Routes are declared with a trailing slash: the bare form is redirected (before auth).
        if (c == ["sessions"] || c == ["agent"]), !slash {
            let host = request.header("host") ?? "127.0.0.1"
            let q = request.queryString
            return PlayerResponse(status: 307, headers: [("location", "http://\(host)/\(c[0])/\(q.isEmpty ? "" : "?" + q)")], body: [])
        }
        guard let user = presentedCredential(request) else {
            return validationError("missing", ["header", "x-user-id"], "Field required")
        }
        guard !user.isEmpty else { return error(401, "X-User-ID header is required.") }
        guard request.method == "GET" else { return error(405, "Method Not Allowed") }
        let known = user == dataset.token
        if c == ["agent"] {
            let agents = known ? dataset.agents.map(\.record) : []
            return .json(JSONBuilder.object(["agents": .array(agents), "total": JSONBuilder.int(agents.count)]))
        }
        guard let agent = request.query("agent_id") else {
            return validationError("missing", ["query", "agent_id"], "Field required")
        }
        switch c.count {
        case 1 where c[0] == "sessions":
            guard known, dataset.agents.contains(where: { $0.id == agent }) else { return error(404, "Agent '\(agent)' not found.") }
            let mine = dataset.sessions(of: agent)
            return .json(JSONBuilder.object(["sessions": .array(mine.map(\.listing)), "total": JSONBuilder.int(mine.count)]))
        case 3 where c[0] == "sessions" && c[2] == "messages":
            // `agent_id` is required but not checked against the session.
            guard known, let s = dataset.session(c[1]) else { return error(404, "Session '\(c[1])' not found.") }
            return messages(of: s, request: request, options: options)
        case 3 where c[0] == "sessions" && c[2] == "status":
            guard known, let s = dataset.session(c[1]) else { return error(404, "Session '\(c[1])' not found.") }
            return .json(JSONBuilder.object(["session_id": .string(s.id), "status": s.listing["status"] ?? .string("idle")]))
        default:
            return error(404, "Not Found")
        }
    }

    func messages(of s: DatasetSession, request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        var limit = 50
        if let text = request.query("limit") {
            guard let n = Int(text) else { return validationError("int_parsing", ["query", "limit"], "Input should be a valid integer, unable to parse string as an integer", input: .string(text)) }
            guard n >= 1 else { return validationError("greater_than_equal", ["query", "limit"], "Input should be greater than or equal to 1", input: .string(text)) }
            guard n <= 200 else { return validationError("less_than_equal", ["query", "limit"], "Input should be less than or equal to 200", input: .string(text)) }
            limit = n
        }
        if let text = request.query("offset"), Int(text) == nil {
            return validationError("int_parsing", ["query", "offset"], "Input should be a valid integer, unable to parse string as an integer", input: .string(text))
        }
        let records = s.records
        var end = records.count
        // A `repeatCursor` fault: the cursor is ignored and the newest page comes back again.
        if let before = request.query("before"), !options.repeatCursor {
            guard let i = records.firstIndex(where: { $0["id"]?.stringValue == before }) else {
                return .json(page([], hasMore: false, cursor: nil, running: s.running))
            }
            end = i
        }
        let start = max(0, end - limit)
        // `event_cursor` only on the newest page (no `before`, no `offset`).
        let newest = request.query("before") == nil && request.query("offset") == nil
        return .json(page(Array(records[start..<end]), hasMore: start > 0, cursor: newest ? "1764\(s.id.prefix(6))-0" : nil, running: s.running))
    }

    func page(_ messages: [JSONValue], hasMore: Bool, cursor: String?, running: Bool) -> JSONValue {
        JSONBuilder.object([
            "messages": .array(messages), "event_cursor": cursor.map { .string($0) } ?? .null, "is_running": .bool(running), "has_more": .bool(hasMore),
        ])
    }
}
