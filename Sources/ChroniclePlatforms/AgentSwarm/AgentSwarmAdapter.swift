import ChronicleCore
import ChronicleJSON
import Foundation

/// Agent Swarm (`shared/platforms/agent-swarm.md`, checked against the server's code; see
/// `docs/platforms/agent-swarm.md`). A session is a root task and all its descendants
/// (`parentTaskId`), which other agents and other harnesses may run.
///
/// Listing (``listSessions(of:problem:_:)``):
/// 1. `GET /api/agents` for the agents' names.
/// 2. The stable task walk (``AgentSwarmTaskWalk``): every task once, in `createdAt` order,
///    grouped into sessions by ``AgentSwarmSessionRoots``.
/// 3. `GET /api/active-sessions`: which tasks run now.
/// 4. Per root, newest first: `GET /api/sessions/{rootTaskId}` (the session's record: `root` +
///    `chain`) and each chain task's cost rows, whose exact sum is the session's platform cost.
///    The session is handed on at once; nothing of it is kept after.
///
/// Export (``exportSession(_:into:)``): for every chain task its cost rows and its log lines
/// (`GET /api/tasks/{taskId}/session-logs`), handed on as one stream ordered by time (see
/// ``AgentSwarmLogSpool``): each line is an event whose id is the line's `id`, each cost row an
/// event carrying its run's tokens.
///
/// Without configured agents the source has one pseudo-agent, ``everyAgent``, whose listing is
/// every session; with configured agents, an agent's listing is the sessions whose root task that
/// agent runs. A session's agent is its root task's agent (``everyAgent``'s id for an unassigned
/// root).
public struct AgentSwarmAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    /// `limit` sent to `/api/session-costs`, which has no paging; a full answer is reported as
    /// possibly cut short.
    let costLimit: Int
    let agentNames = AgentSwarmAgentNames()

    /// The pseudo-agent standing for every agent of the swarm.
    public static let everyAgent = Agent(id: "*", name: "every agent")

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?, costLimit: Int = 1000) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: AgentSwarmAdapter.errorMessage)
        self.costLimit = costLimit
    }

    /// `{"error": "…"}` (400 validation errors included); anything else is shown as text.
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
        let filter = agent.id == Self.everyAgent.id ? nil : PlatformIDKey(agent.id)
        let names = try await fetchAgentNames(problem: problem)
        await agentNames.store(names)
        let grouped = AgentSwarmSessionRoots(try await AgentSwarmTaskWalk(client: client, pageSize: source.pageSize).run(problem: problem))
        for orphan in grouped.orphans {
            problem(ExportProblem(
                .warning, sessionID: orphan.taskID, item: "task \(orphan.taskID)",
                message: "source '\(source.name)': the parent '\(orphan.parentID)' of task '\(orphan.taskID)' was not in the task listing (deleted?); the task and its descendants are exported as a session of their own"
            ))
        }
        let roots = grouped.roots.filter { root in filter.map { root.agentID.map(PlatformIDKey.init) == $0 } ?? true }
        let active = try await activeTaskIDs(problem: problem)
        let costs = AgentSwarmCostReader(client: client, limit: costLimit)
        for root in roots {
            guard let session = try await session(rootID: root.id, names: names, active: active, costs: costs, problem: problem) else { continue }
            if let filter, PlatformIDKey(session.agentID) != filter { continue }
            try await body(session)
        }
    }

    /// One session from `GET /api/sessions/{rootTaskId}` and its tasks' cost rows; nil (and a
    /// problem) when it is gone or unreadable.
    func session(
        rootID: String, names: [PlatformIDKey: String], active: Set<PlatformIDKey>, costs: AgentSwarmCostReader,
        problem: (ExportProblem) -> Void
    ) async throws -> Session? {
        let request = client.request("GET", ["api", "sessions", rootID])
        let bytes: [UInt8]
        let value: JSONValue
        do {
            (value, bytes) = try await client.fetchJSON(request, sessionID: rootID)
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind { throw error }
            problem(ExportProblem(error.kind == .notFound ? .missing : .failedSession, sessionID: rootID, item: "session", request: request.description, message: "\(error)"))
            return nil
        }
        let chain: AgentSwarmChain
        do throws(RecordError) {
            chain = try AgentSwarmChain(RecordReader(value, kind: "session", sessionID: rootID))
        } catch {
            problem(error.problem(request: request.description))
            return nil
        }
        var rows: [AgentSwarmCost] = []
        var possiblyCut = false
        for task in chain.tasks {
            do {
                let answer = try await costs.rows(taskID: task.id, sessionID: rootID, problem: problem)
                rows += answer.costs
                possiblyCut = possiblyCut || answer.possiblyCut
            } catch let error as PlatformError {
                if case .credentialsRefused = error.kind { throw error }
                possiblyCut = true
                problem(ExportProblem(.warning, sessionID: rootID, item: "session costs of task \(task.id)", request: error.request, message: "\(error); the session's platform cost is left unknown"))
            }
        }
        let agentID = chain.rootAgentID ?? Self.everyAgent.id
        return Session(
            id: chain.rootID, agentID: agentID, agentName: names[PlatformIDKey(agentID)], title: chain.title,
            status: chain.latestStatus, createdAt: chain.createdAt, updatedAt: chain.lastActivityAt,
            running: chain.isRunning(activeTaskIDs: active),
            raw: [RawRecord(kind: "session", request: request.description, bytes: bytes)],
            platformCostUSD: AgentSwarmCostReader.total(rows, possiblyCut: possiblyCut)
        )
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let chain: AgentSwarmChain
        do throws(RecordError) {
            guard let record = session.raw.first else {
                throw RecordError(field: nil, kind: "session", sessionID: session.id, message: "the session has no record of its task chain")
            }
            chain = try AgentSwarmChain(try RecordReader(raw: record, sessionID: session.id))
        } catch {
            throw PlatformError(.malformedRecord, source: source.name, sessionID: session.id, field: error.field, message: error.description)
        }
        let names = await agentNames.names
        // Cost rows first: which runs have one decides where each run's tokens come from.
        var costs: [(cost: AgentSwarmCost, row: JSONValue, chainIndex: Int, position: Int)] = []
        var possiblyCut = false
        let reader = AgentSwarmCostReader(client: client, limit: costLimit)
        for (ci, task) in chain.tasks.enumerated() {
            do {
                let answer = try await reader.rows(taskID: task.id, sessionID: session.id, problem: sink.report)
                possiblyCut = possiblyCut || answer.possiblyCut
                for (position, cost) in answer.costs.enumerated() {
                    costs.append((cost, (try? JSONParser.parse(cost.record.bytes)) ?? .null, ci, position))
                }
            } catch let error as PlatformError {
                if case .credentialsRefused = error.kind { throw error }
                possiblyCut = true
                sink.report(ExportProblem(error.kind == .notFound ? .missing : .warning, sessionID: session.id, item: "session costs of task \(task.id)", request: error.request, message: error.description))
            }
        }
        let exported = AgentSwarmCostReader.total(costs.map(\.cost), possiblyCut: possiblyCut)
        if exported != session.platformCostUSD {
            sink.report(ExportProblem(
                .warning, sessionID: session.id, item: "session costs",
                message: "source '\(source.name)': the cost rows changed between the listing (platform cost \(session.platformCostUSD ?? "unknown")) and the export (\(exported ?? "unknown")); the archive holds the rows read at export, the session's cost is the listing's"
            ))
        }
        var runsWithCost = Set<PlatformIDKey>()
        for c in costs { if let run = c.cost.runnerSessionID { runsWithCost.insert(PlatformIDKey(run)) } }

        let spool = try AgentSwarmLogSpool()
        defer { spool.close() }
        for (ci, task) in chain.tasks.enumerated() {
            try await spoolLogs(of: task.id, chainIndex: ci, session: session, spool: spool, sink: sink)
        }

        // Merge the time-ordered lines and cost rows; at the same time, lines first.
        costs.sort { ($0.cost.createdAt?.epochMilliseconds ?? .max, $0.chainIndex, $0.position) < ($1.cost.createdAt?.epochMilliseconds ?? .max, $1.chainIndex, $1.position) }
        let lines = spool.sorted()
        var li = 0
        var ci = 0
        while li < lines.count || ci < costs.count {
            let takeLine: Bool
            if li == lines.count {
                takeLine = false
            } else if ci == costs.count {
                takeLine = true
            } else {
                takeLine = (lines[li].time ?? .max) <= (costs[ci].cost.createdAt?.epochMilliseconds ?? .max)
            }
            if takeLine {
                let entry = lines[li]
                li += 1
                let record = RawRecord(kind: "log_line", request: entry.request, bytes: try spool.bytes(of: entry))
                let task = chain.tasks[entry.chainIndex]
                let context = AgentSwarmLogMapper.Context(
                    sessionID: session.id, runsWithCost: runsWithCost, taskModel: task.model,
                    agentName: task.agentID.flatMap { names[PlatformIDKey($0)] }
                )
                try await sink.accept(AgentSwarmLogMapper.item(for: record, context: context, report: sink.report))
            } else {
                let c = costs[ci]
                ci += 1
                try await sink.accept(SessionItem(record: c.cost.record, events: [AgentSwarmCostEvent.event(c.cost, row: c.row)]))
            }
        }
    }

    /// Streams one task's log lines into the spool (no `limit`: the server then sends them all).
    func spoolLogs(of taskID: String, chainIndex: Int, session: Session, spool: AgentSwarmLogSpool, sink: any SessionSink) async throws {
        let request = client.request("GET", ["api", "tasks", taskID, "session-logs"])
        var position = 0
        do {
            let envelope = try await client.streamRecords(request, recordArray: .member("logs"), recordKind: "log_line", sessionID: session.id) { record in
                var time: Int64?
                var lineNumber: Int64 = 0
                if let r = try? RecordReader(raw: record, sessionID: session.id) {
                    time = ((try? r.optionalTimestamp("createdAt")) ?? nil)?.epochMilliseconds
                    lineNumber = ((try? r.optionalInt("lineNumber")) ?? nil) ?? 0
                }
                try spool.append(record, time: time, lineNumber: lineNumber, chainIndex: chainIndex, position: position)
                position += 1
            }
            if !envelope.foundRecordArray {
                sink.report(ExportProblem(.malformed, sessionID: session.id, item: "session-logs.logs", request: request.description, message: "source '\(source.name)': field 'logs' is missing: the log lines of task '\(taskID)' were not in the response"))
            }
        } catch let error as PlatformError where error.kind == .notFound {
            sink.report(ExportProblem(.missing, sessionID: session.id, item: "task \(taskID) logs", request: request.description, message: error.description))
        }
    }

    /// `GET /api/agents`: the agents' names. Names only decorate the export: a failure other than
    /// a refused credential is a warning.
    func fetchAgentNames(problem: (ExportProblem) -> Void) async throws -> [PlatformIDKey: String] {
        let request = client.request("GET", ["api", "agents"])
        var names: [PlatformIDKey: String] = [:]
        do {
            _ = try await client.streamRecords(request, recordArray: .member("agents"), recordKind: "agent") { record in
                if let r = try? RecordReader(raw: record, sessionID: nil), let id = (try? r.optionalString("id")) ?? nil, let name = (try? r.optionalString("name")) ?? nil {
                    names[PlatformIDKey(id)] = name
                }
            }
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind { throw error }
            problem(ExportProblem(.warning, item: "agents", request: request.description, message: "\(error); sessions are shown with agent ids instead of names"))
        }
        return names
    }

    /// The task ids with an active-session row (`GET /api/active-sessions`). Not knowing which
    /// tasks run loses nothing: a failure other than a refused credential is a warning.
    func activeTaskIDs(problem: (ExportProblem) -> Void) async throws -> Set<PlatformIDKey> {
        let request = client.request("GET", ["api", "active-sessions"])
        var out = Set<PlatformIDKey>()
        do {
            _ = try await client.streamRecords(request, recordArray: .member("sessions"), recordKind: "active_session") { record in
                do throws(RecordError) {
                    let r = try RecordReader(raw: record, sessionID: nil)
                    if let taskID = try r.optionalString("taskId") { out.insert(PlatformIDKey(taskID)) }
                } catch {
                    problem(error.problem(request: record.request))
                }
            }
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind { throw error }
            problem(ExportProblem(.warning, item: "active sessions", request: request.description, message: "\(error); sessions running now are marked from their tasks' statuses only"))
        }
        return out
    }
}
