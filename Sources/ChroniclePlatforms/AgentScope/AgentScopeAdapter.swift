import ChronicleCore
import ChronicleJSON
import Foundation

/// The AgentScope Agent Service (`shared/platforms/agentscope.md`): the sessions of each
/// configured agent (`GET /sessions?agent_id=`, agent_id required; there is no agent listing),
/// and each session's history from `GET /sessions/{id}/messages`, paged with `offset` + `limit`
/// (≤ 200) until a short page. The user id header (`x-user-id`) is a secret like a token.
public struct AgentScopeAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    /// `limit` of a messages page: the source's page size, at most 200 (the platform's maximum).
    var messagePageSize: Int { min(max(source.pageSize, 1), 200) }

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: AgentScopeAdapter.errorMessage)
    }

    /// FastAPI: `{"detail": "…"}` or `{"detail": [{"loc": [...], "msg": "…", "type": "…"}]}`.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        if let text = value["detail"]?.stringValue { return text }
        if let items = value["detail"]?.arrayValue {
            let texts = items.map { item -> String in
                let loc = (item["loc"]?.arrayValue ?? []).map { $0.stringValue ?? $0.int64Value.map(String.init) ?? "?" }.joined(separator: ".")
                let msg = item["msg"]?.stringValue ?? "invalid"
                let type = item["type"]?.stringValue.map { " (\($0))" } ?? ""
                return loc.isEmpty ? msg + type : "\(loc): \(msg)\(type)"
            }
            if !texts.isEmpty { return texts.joined(separator: "; ") }
        }
        return nil
    }

    public func agents() async throws -> [Agent] {
        guard !source.agents.isEmpty else {
            throw PlatformError(
                .badConfiguration, source: source.name, field: "agents",
                message: "agentscope lists no agents: name them with --agent ID (or `agents = [...]` in the source's configuration)"
            )
        }
        return source.agents.map { Agent(id: $0) }
    }

    public func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws {
        let request = client.request("GET", ["sessions"], query: [.init("agent_id", agent.id)])
        var count = 0
        let envelope = try await client.streamRecords(request, recordArray: .member("sessions"), recordKind: "session") { record in
            count += 1
            let session: Session
            do throws(RecordError) {
                session = try Self.session(record, agent: agent)
            } catch {
                problem(error.problem(request: record.request))
                return
            }
            try await body(session)
        }
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: source.name, request: request.description, field: "sessions", message: "the response has no 'sessions' array")
        }
        if let total = envelope.value["total"]?.int64Value, total > count {
            problem(ExportProblem(.warning, item: "sessions of agent \(agent.id)", request: request.description, message: "source '\(source.name)': the listing says total \(total) but returned \(count) sessions"))
        }
    }

    /// A `SessionView`: `{"session": {...}, "is_running": bool, ...}`.
    static func session(_ record: RawRecord, agent: Agent) throws(RecordError) -> Session {
        let view = try RecordReader(raw: record, sessionID: nil)
        guard let inner = view.value["session"], inner.objectMembers != nil else {
            throw view.error("session", "is missing or not an object")
        }
        let id = inner["id"]?.stringValue
        let s = RecordReader(inner, kind: "session.session", sessionID: id)
        let config = s.value["config"]
        let title: String?
        switch config?["name"] {
        case nil, .null?: title = nil
        case .string(let t)?: title = t
        case let other?: throw s.error("config.name", "should be a string, found \(other.typeName)")
        }
        return Session(
            id: try s.requiredString("id"), agentID: try s.optionalString("agent_id") ?? agent.id, agentName: agent.name,
            title: title, status: (try view.optionalBool("is_running")) == true ? "running" : nil,
            createdAt: try s.optionalTimestamp("created_at"), updatedAt: try s.optionalTimestamp("updated_at"),
            running: try view.optionalBool("is_running") ?? false, raw: [record]
        )
    }

    /// `session.config.chat_model_config.model` of the listing record.
    static func model(of session: Session) -> String? {
        guard let record = session.raw.first, let view = try? JSONParser.parse(record.bytes) else { return nil }
        return view["session"]?["config"]?["chat_model_config"]?["model"]?.stringValue
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let model = Self.model(of: session)
        let limit = messagePageSize
        var offset = 0
        var seenFirstIDs = Set<String>()
        while true {
            let request = client.request("GET", ["sessions", session.id, "messages"], query: [
                .init("agent_id", session.agentID), .init("offset", String(offset)), .init("limit", String(limit)),
            ])
            var rows = 0
            var firstKey: String?
            let envelope = try await client.streamRecords(request, recordArray: .member("messages"), recordKind: "message", sessionID: session.id) { record in
                if rows == 0 { firstKey = String(decoding: record.bytes, as: UTF8.self) }
                rows += 1
                try await sink.accept(AgentScopeMessageMapper.item(for: record, sessionID: session.id, model: model, report: sink.report))
            }
            guard envelope.foundRecordArray else {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: session.id, field: "messages", message: "the page has no 'messages' array")
            }
            if rows < limit { break }
            // A platform that ignores `offset` would answer the same full page forever.
            if let firstKey, !seenFirstIDs.insert(firstKey).inserted {
                throw PlatformError(.pagingLoop, source: source.name, request: request.description, sessionID: session.id, field: "offset", message: "the messages page at offset \(offset) starts with a message already read")
            }
            offset += rows
        }
    }
}
