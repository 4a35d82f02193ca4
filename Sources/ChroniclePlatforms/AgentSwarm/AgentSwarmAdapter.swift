import ChronicleCore
import ChronicleJSON
import Foundation

/// Agent Swarm (`shared/platforms/agent-swarm.md`): sessions listed with `limit` + `offset`
/// (rows may shift while paging), which sessions run now from `/api/active-sessions`, each
/// session's history from its tasks' `/session-logs`, and costs from `/api/session-costs`.
///
/// There is no agents endpoint: without configured agents the source has one pseudo-agent,
/// ``everyAgent``, whose listing is every session, each with the `agentId` of its record. With
/// configured agents, each agent's listing is the sessions whose `agentId` is that agent.
///
/// The listing is read whole before the first session is handed on (rows are de-duplicated and
/// the first page re-read at the end), then active sessions and costs are fetched per agent id
/// and matched to sessions as ``AgentSwarmSessionKeys/matches(taskID:providerSessionID:)`` says.
public struct AgentSwarmAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    let costBook = AgentSwarmCostBook()
    /// `limit` sent to `/api/session-costs`, which has no paging; a full answer is reported as
    /// possibly cut short.
    let costLimit: Int

    /// The pseudo-agent standing for every agent of the swarm.
    public static let everyAgent = Agent(id: "*", name: "every agent")

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?, costLimit: Int = 1000) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: AgentSwarmAdapter.errorMessage)
        self.costLimit = costLimit
    }

    /// `{"error": "…"}`; anything else is shown as text.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        return value["error"]?.stringValue ?? value["message"]?.stringValue
    }

    public func agents() async throws -> [Agent] {
        source.agents.isEmpty ? [Self.everyAgent] : source.agents.map { Agent(id: $0) }
    }

    public func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws {
        let filter = agent.id == Self.everyAgent.id ? nil : agent.id
        var listed: [(Session, AgentSwarmSessionKeys)] = []
        let listing = OffsetPagedListing(
            client: client, path: ["api", "sessions"], member: "sessions", recordKind: "session", pageSize: source.pageSize,
            extraQuery: [.init("fields", "full")]
        )
        var problems: [ExportProblem] = []
        try await listing.run(key: Self.dedupKey) { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                let keys = try AgentSwarmSessionKeys(r)
                let agentID = keys.agentID ?? filter ?? agent.id
                if let filter, agentID != filter { return }
                let title = try r.optionalString("title")
                let description = try r.optionalString("taskDescription")
                let session = Session(
                    id: keys.sessionID, agentID: agentID, agentName: agent.id == Self.everyAgent.id ? nil : agent.name,
                    title: title ?? description,
                    status: try r.optionalString("status"),
                    createdAt: try r.optionalTimestamp("createdAt"), updatedAt: try r.optionalTimestamp("updatedAt"),
                    raw: [record]
                )
                listed.append((session, keys))
            } catch {
                problems.append(error.problem(request: record.request))
            }
        }
        problems.forEach(problem)
        var agentIDs: [String] = []
        for (session, _) in listed where !agentIDs.contains(session.agentID) { agentIDs.append(session.agentID) }
        for agentID in agentIDs {
            let mine = listed.indices.filter { listed[$0].0.agentID == agentID }
            let active = try await activeSessions(agentID: agentID, problem: problem)
            for i in mine where active.contains(where: { listed[i].1.matches(taskID: $0.taskID, providerSessionID: $0.providerSessionID) || $0.id == listed[i].0.id }) {
                listed[i].0.running = true
            }
            let costs = try await costs(agentID: agentID, problem: problem)
            var claimed = Set<Int>()
            for i in mine {
                let keys = listed[i].1
                let matched = costs.indices.filter { costs[$0].agentID.map { $0 == agentID } ?? true && keys.matches(taskID: costs[$0].taskID, providerSessionID: costs[$0].providerSessionID) }
                claimed.formUnion(matched)
                guard !matched.isEmpty else { continue }
                listed[i].0.platformCostUSD = DecimalLiteral.sum(matched.compactMap { costs[$0].totalCostUSD })
                await costBook.store(matched.map { costs[$0].record }, agentID: agentID, sessionID: listed[i].0.id)
            }
            for (i, cost) in costs.enumerated() where !claimed.contains(i) {
                problem(ExportProblem(
                    .warning, item: "session_cost", request: cost.record.request,
                    message: "source '\(source.name)': a cost record (taskId '\(cost.taskID ?? "none")', sessionId '\(cost.providerSessionID ?? "none")') matches no listed session of agent '\(agentID)'; it is not archived in this run"
                ))
            }
        }
        for (session, _) in listed { try await body(session) }
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let keys: AgentSwarmSessionKeys
        do throws(RecordError) {
            guard let record = session.raw.first else {
                throw RecordError(field: nil, kind: "session", sessionID: session.id, message: "the session has no listing record")
            }
            keys = try AgentSwarmSessionKeys(try RecordReader(raw: record, sessionID: session.id))
        } catch {
            throw PlatformError(.malformedRecord, source: source.name, sessionID: session.id, field: error.field, message: error.description)
        }
        for taskID in keys.taskIDs {
            let request = client.request("GET", ["api", "tasks", taskID, "session-logs"])
            do {
                let envelope = try await client.streamRecords(request, recordArray: .member("logs"), recordKind: "log_line", sessionID: session.id) { record in
                    try await sink.accept(AgentSwarmLogMapper.item(for: record, taskID: taskID, sessionID: session.id, report: sink.report))
                }
                if !envelope.foundRecordArray {
                    sink.report(ExportProblem(.malformed, sessionID: session.id, item: "session-logs.logs", request: request.description, message: "source '\(source.name)': field 'logs' is missing: the logs of task '\(taskID)' were not in the response"))
                }
            } catch let error as PlatformError where error.kind == .notFound {
                sink.report(ExportProblem(.missing, sessionID: session.id, item: "task \(taskID) logs", request: request.description, message: error.description))
            }
        }
        for record in await costBook.take(agentID: session.agentID, sessionID: session.id) {
            try await sink.accept(SessionItem(record: record))
        }
    }

    /// Rows are de-duplicated by `id`; a row without a readable id by its bytes.
    static func dedupKey(_ record: RawRecord) -> String {
        if let value = try? JSONParser.parse(record.bytes), let id = value["id"]?.stringValue { return "id:" + id }
        return "raw:" + String(decoding: record.bytes, as: UTF8.self)
    }

    /// The active (running) sessions of one agent. Not knowing which sessions run loses nothing:
    /// a failure other than a refused credential is a warning.
    func activeSessions(agentID: String, problem: (ExportProblem) -> Void) async throws -> [(id: String?, taskID: String?, providerSessionID: String?)] {
        let request = client.request("GET", ["api", "active-sessions"], query: [.init("agentId", agentID)])
        var out: [(id: String?, taskID: String?, providerSessionID: String?)] = []
        do {
            _ = try await client.streamRecords(request, recordArray: .member("sessions"), recordKind: "active_session") { record in
                do throws(RecordError) {
                    let r = try RecordReader(raw: record, sessionID: nil)
                    out.append((try r.optionalString("id"), try r.optionalString("taskId"), try r.optionalString("providerSessionId")))
                } catch {
                    problem(error.problem(request: record.request))
                }
            }
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind { throw error }
            problem(ExportProblem(.warning, item: "active sessions of agent \(agentID)", request: request.description, message: "\(error); running sessions of this agent are not marked"))
        }
        return out
    }

    /// The cost records of one agent: `{"costs": [...]}` or a bare array.
    func costs(agentID: String, problem: (ExportProblem) -> Void) async throws -> [AgentSwarmCost] {
        let request = client.request("GET", ["api", "session-costs"], query: [.init("agentId", agentID), .init("limit", String(costLimit))])
        let bytes: [UInt8]
        do {
            (_, bytes) = try await client.fetchJSON(request)
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind { throw error }
            problem(ExportProblem(.malformed, item: "session costs of agent \(agentID)", request: request.description, message: "\(error); platform costs of this agent are not known"))
            return []
        }
        var records: [RawRecord] = []
        var envelope: JSONEnvelope?
        for location in [JSONRecordSplitter.ArrayLocation.member("costs"), .root] {
            records = []
            var splitter = JSONRecordSplitter(recordArray: location)
            do {
                try bytes.withUnsafeBytes { buffer in
                    try splitter.feed(buffer) { raw in records.append(RawRecord(kind: "session_cost", request: request.description, bytes: Array(raw))) }
                }
                let e = try splitter.finish()
                if e.foundRecordArray { envelope = e; break }
            } catch {
                continue
            }
        }
        guard envelope != nil else {
            problem(ExportProblem(.malformed, item: "session_costs.costs", request: request.description, message: "source '\(source.name)': the session costs of agent '\(agentID)' are neither {\"costs\": [...]} nor an array"))
            return []
        }
        if records.count >= costLimit {
            problem(ExportProblem(.warning, item: "session costs of agent \(agentID)", request: request.description, message: "source '\(source.name)': \(records.count) cost records reached the limit \(costLimit); older costs may be missing"))
        }
        var out: [AgentSwarmCost] = []
        for record in records {
            do throws(RecordError) {
                out.append(try AgentSwarmCost(record: record))
            } catch {
                problem(error.problem(request: record.request))
            }
        }
        return out
    }
}
