import ChronicleCore
import ChronicleJSON
import Foundation

/// The AgentScope 2.0.11 Agent Service (`docs/platforms/agentscope.md`): agents from
/// `GET /agent/` (or the configured ones), each agent's sessions from `GET /sessions/?agent_id=`
/// (unpaged), and each session's history from `GET /sessions/{id}/messages`, newest page first,
/// paged with `before=<oldest id of the page just read>` until `has_more` is false (the service
/// ignores `offset`). The pages are spooled to a private temporary file and handed to the sink
/// oldest first. The user id (`x-user-id`) is an identity kept out of logs and errors.
public struct AgentScopeAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    let clock: Result<AgentScopeServerClock, PlatformError>
    /// Folder of the history spool files (the system's temporary folder).
    var spoolDirectory: String = NSTemporaryDirectory()

    /// `limit` of a messages page: the source's page size clamped to the service's 1…200.
    var messagePageSize: Int { min(max(source.pageSize, 1), 200) }

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: AgentScopeErrorBody.message)
        self.clock = AgentScopeServerClock.of(source)
    }

    public func agents() async throws -> [Agent] {
        _ = try clock.get()
        let request = client.request("GET", ["agent", ""])
        var listed: [Agent] = []
        let envelope = try await identityChecked(agentID: nil) {
            try await client.streamRecords(request, recordArray: .member("agents"), recordKind: "agent") { record in
                guard let view = try? JSONParser.parse(record.bytes), let id = view["id"]?.stringValue else {
                    throw PlatformError(.malformedRecord, source: source.name, request: request.description, field: "agents[].id", message: "an agent has no string 'id'")
                }
                listed.append(Agent(id: id, name: view["data"]?["name"]?.stringValue, raw: record))
            }
        }
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: source.name, request: request.description, field: "agents", message: "the response has no 'agents' array")
        }
        guard !source.agents.isEmpty else {
            // The service takes any user id and shows one it does not know nothing at all.
            guard !listed.isEmpty else {
                throw PlatformError(
                    .credentialsRefused(status: 200), source: source.name, request: request.description, field: "agents",
                    message: "no agent is visible to this user id (GET /agent/ listed none): check the user id the source sends in x-user-id (AgentScope accepts any id and shows an unknown one nothing), or name agents with --agent"
                )
            }
            return listed
        }
        // The configured agents, in their order, named from the listing when it shows them.
        return source.agents.map { id in listed.first { $0.id == id } ?? Agent(id: id) }
    }

    public func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws {
        let request = client.request("GET", ["sessions", ""], query: [.init("agent_id", agent.id)])
        var count = 0
        let envelope = try await identityChecked(agentID: agent.id) {
            try await client.streamRecords(request, recordArray: .member("sessions"), recordKind: "session") { record in
                count += 1
                let session: Session
                do throws(RecordError) {
                    session = try AgentScopeSessionMapper.session(record, agent: agent)
                } catch {
                    problem(error.problem(request: record.request))
                    return
                }
                try await body(session)
            }
        }
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: source.name, request: request.description, field: "sessions", message: "the response has no 'sessions' array")
        }
        if let total = envelope.value["total"]?.int64Value, total > count {
            problem(ExportProblem(.warning, item: "sessions of agent \(agent.id)", request: request.description, message: "source '\(source.name)': the listing says total \(total) but returned \(count) sessions"))
        }
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let (model, providerType) = AgentScopeSessionMapper.chatModel(of: session)
        let mapper = AgentScopeMessageMapper(
            sessionID: session.id, model: model, usage: AgentScopeUsage(providerType: providerType),
            clock: try clock.get(), artifactsDirectory: sink.artifactsDirectory
        )
        let spool = try AgentScopeHistorySpool(directory: spoolDirectory, sessionID: session.id, source: source.name)
        defer { spool.remove() }
        try await readHistory(of: session, into: spool)
        try await spool.replayOldestFirst(kind: "message") { record in
            try await sink.accept(mapper.item(for: record, report: sink.report))
        }
    }

    /// Reads every history page into `spool`, newest first: the first page without a cursor, each
    /// older one with `before` = the id of the oldest message read, until `has_more` is false.
    func readHistory(of session: Session, into spool: AgentScopeHistorySpool) async throws {
        var before: String?
        var usedCursors = Set<String>()
        while true {
            var query: [TransportRequest.QueryItem] = [.init("agent_id", session.agentID), .init("limit", String(messagePageSize))]
            if let before { query.append(.init("before", before)) }
            let request = client.request("GET", ["sessions", session.id, "messages"], query: query)
            spool.beginPage(request: request.description)
            var oldestID: String?
            var oldestProblem: String?
            var rows = 0
            let envelope = try await identityChecked(agentID: nil) {
                try await client.streamRecords(request, recordArray: .member("messages"), recordKind: "message", sessionID: session.id) { record in
                    if rows == 0 {
                        // The page is chronological: its first message is its oldest, the next cursor.
                        switch (try? JSONParser.parse(record.bytes))?["id"] {
                        case .string(let id)?: oldestID = id
                        case let other: oldestProblem = "its oldest message has no string 'id' (found \(other?.typeName ?? "nothing"))"
                        }
                    }
                    rows += 1
                    try spool.append(record.bytes)
                }
            }
            guard envelope.foundRecordArray else {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: session.id, field: "messages", message: "the page has no 'messages' array")
            }
            let hasMore: Bool
            switch envelope.value["has_more"] {
            case .bool(let b)?: hasMore = b
            case nil, .null?: hasMore = false
            case let other?:
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: session.id, field: "has_more", message: "should be true or false, found \(other.typeName)")
            }
            guard hasMore else { return }
            guard rows > 0 else {
                throw PlatformError(.pagingLoop, source: source.name, request: request.description, sessionID: session.id, field: "has_more", message: "the page is empty but says has_more: true, so there is no cursor for the older messages")
            }
            guard let next = oldestID else {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: session.id, field: "messages[0].id", message: "cannot ask for older messages: \(oldestProblem ?? "no id")")
            }
            guard usedCursors.insert(next).inserted else {
                throw PlatformError(.pagingLoop, source: source.name, request: request.description, sessionID: session.id, field: "before", message: "the page's oldest message '\(next)' was already used as the 'before' cursor: the service repeats a page")
            }
            before = next
        }
    }

    /// Runs one request and makes AgentScope's ways of refusing an identity stop the source
    /// (exit 77) with a message saying what is wrong: 422 naming the `x-user-id` header (missing;
    /// a Bearer token is not read), 401 (an empty header), and 404 `Agent '…' not found.` on an
    /// agent's session listing (the agent is not visible to this user id). A 404 elsewhere (a
    /// session's history, or a route the base URL does not serve) stays what it is.
    func identityChecked<T>(agentID: String?, _ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch var error as PlatformError {
            switch error.kind {
            case .unexpectedStatus(422) where error.message.contains("header.x-user-id"):
                error.kind = .credentialsRefused(status: 422)
                error.message = "the x-user-id header was missing or refused (AgentScope reads the user id from the x-user-id header only, never from Authorization: Bearer; keep --auth-style x-user-id): \(error.message)"
            case .credentialsRefused(401):
                error.message = "the x-user-id header was refused (an empty user id?): \(error.message)"
            case .notFound where agentID != nil && error.sessionID == nil && error.message.contains("Agent '"):
                error.kind = .credentialsRefused(status: 404)
                error.message = "agent '\(agentID ?? "")' is not visible to this user id (a wrong user id, or the agent was deleted or never shared with it): \(error.message)"
            default:
                break
            }
            throw error
        }
    }
}
