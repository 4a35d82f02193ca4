import ChronicleJSON
import Foundation

/// Agent Swarm, mounted at the root, answering as the server's handlers do
/// (`src/http/{agents,tasks,sessions,session-data,active-sessions}.ts`):
///
/// - `GET /api/agents` → `{"agents": [...]}`.
/// - `GET /api/tasks` → `{"tasks", "total"}`: `orderBy=createdAt` gives `createdAt DESC` (stable),
///   the default `lastUpdatedAt DESC`; `fields=full` the full task, else the slim summary (`task`
///   cut to 300 characters); heartbeat tasks only with `includeHeartbeat=true`; `createdAfter`;
///   `limit` default 25, no maximum; `totalCostUsd` = the sum of the task's cost rows.
/// - `GET /api/sessions` → `{"sessions": [{"root", "chainTaskCount", "lastActivityAt",
///   "latestStatus"}], "total", "limit", "offset"}` ordered by `lastActivityAt DESC` (no id at the
///   top level); `GET /api/sessions/{rootTaskId}` → `{"root", "chain"}`.
/// - `GET /api/tasks/{id}/session-logs` → `{"logs"}` ordered by (`iteration`, `lineNumber`) as the
///   server does, which interleaves flushes; `?limit=N` (1–1000) the last N.
/// - `GET /api/session-costs?taskId=|agentId=&limit=` → `{"costs"}` newest first, `limit` default 100.
/// - `GET /api/active-sessions[?agentId=]` → `{"sessions"}`: a row per task `in_progress`.
/// - Errors `{"error": "…"}`; a query that fails validation → 400 `Validation error: …`.
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

    /// Every task of every listed session, with the session it belongs to.
    var allTasks: [(task: JSONValue, session: DatasetSession)] {
        dataset.sessions.flatMap { s in s.records.map { ($0, s) } }
    }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard presentedCredential(request) == dataset.token else { return error(401, "Unauthorized") }
        guard request.method == "GET" else { return error(405, "Method not allowed") }
        let c = request.components
        switch c {
        case ["api", "agents"]:
            return .json(JSONBuilder.object(["agents": .array(dataset.agents.map { agentRecord($0) })]))
        case ["api", "tasks"]:
            return tasks(request, options: options)
        case ["api", "sessions"]:
            return sessions(request, options: options)
        case let p where p.count == 3 && p[0] == "api" && p[1] == "sessions":
            guard let s = dataset.sessions.first(where: { $0.records.first?["id"]?.stringValue == p[2] }), let root = s.records.first else {
                return error(404, "Root task not found")
            }
            return .json(JSONBuilder.object(["root": steering(root), "chain": .array(s.records.map(steering))]))
        case let p where p.count == 4 && p[0] == "api" && p[1] == "tasks" && p[3] == "session-logs":
            guard let s = session(ofTask: p[2]) else { return error(404, "Task not found") }
            var limit: Int?
            if let text = request.query("limit") {
                guard let n = Int(text) else { return error(400, "Validation error: limit: Expected number, received nan") }
                guard (1...1000).contains(n) else { return error(400, "Validation error: limit: Number must be between 1 and 1000") }
                limit = n
            }
            var logs = Self.serverOrder(s.logsByTask[p[2]] ?? [])
            if let limit { logs = Array(logs.suffix(limit)) }
            return .json(JSONBuilder.object(["logs": .array(logs)]))
        case ["api", "session-costs"]:
            var limit = 100
            if let text = request.query("limit") {
                guard let n = Int(text) else { return error(400, "Validation error: limit: Expected number, received nan") }
                guard n >= 1 else { return error(400, "Validation error: limit: Number must be greater than or equal to 1") }
                limit = n
            }
            var rows: [JSONValue]
            if let taskID = request.query("taskId"), !taskID.isEmpty {
                rows = session(ofTask: taskID)?.costsByTask[taskID] ?? []
            } else {
                rows = dataset.sessions.flatMap { $0.costsByTask.values.joined() }
                if let agent = request.query("agentId"), !agent.isEmpty { rows = rows.filter { $0["agentId"]?.stringValue == agent } }
                rows.sort { ($0["createdAt"]?.stringValue ?? "") > ($1["createdAt"]?.stringValue ?? "") }
            }
            return .json(JSONBuilder.object(["costs": .array(Array(rows.prefix(limit)))]))
        case ["api", "active-sessions"]:
            let agent = request.query("agentId").flatMap { $0.isEmpty ? nil : $0 }
            let rows = allTasks.filter { $0.task["status"]?.stringValue == "in_progress" && (agent == nil || $0.task["agentId"]?.stringValue == agent) }.map { t in
                JSONBuilder.object([
                    "id": .string("as-" + (t.task["id"]?.stringValue ?? "")), "agentId": t.task["agentId"] ?? .null, "taskId": t.task["id"] ?? .null,
                    "triggerType": .string("task_assigned"), "inboxMessageId": .null, "taskDescription": t.task["task"] ?? .null,
                    "startedAt": t.task["acceptedAt"] ?? .null, "lastHeartbeatAt": t.task["lastUpdatedAt"] ?? .null,
                    "runnerSessionId": .null, "providerSessionId": .null, "runtimeInstanceId": .null,
                ])
            }
            return .json(JSONBuilder.object(["sessions": .array(rows)]))
        default:
            return error(404, "Not found")
        }
    }

    func session(ofTask id: String) -> DatasetSession? {
        dataset.sessions.first { s in s.records.contains { $0["id"]?.stringValue == id } }
    }

    /// `ORDER BY iteration ASC, lineNumber ASC` (ties in insertion order, as SQLite's rowid scan).
    static func serverOrder(_ logs: [JSONValue]) -> [JSONValue] {
        logs.enumerated().sorted { a, b in
            let ka = (a.element["iteration"]?.int64Value ?? 0, a.element["lineNumber"]?.int64Value ?? 0, Int64(a.offset))
            let kb = (b.element["iteration"]?.int64Value ?? 0, b.element["lineNumber"]?.int64Value ?? 0, Int64(b.offset))
            return ka < kb
        }.map(\.element)
    }

    func agentRecord(_ agent: DatasetAgent) -> JSONValue {
        guard case .object(var members) = agent.record else { return agent.record }
        let active = allTasks.filter { $0.task["agentId"]?.stringValue == agent.id && $0.task["status"]?.stringValue == "in_progress" }.count
        let max = Int(agent.record["maxTasks"]?.int64Value ?? 1)
        members.append(.init("capacity", JSONBuilder.object(["current": JSONBuilder.int(active), "max": JSONBuilder.int(max), "available": JSONBuilder.int(Swift.max(0, max - active))])))
        return .object(members)
    }

    /// A chain task with the steering fields `GET /api/sessions/{id}` adds.
    func steering(_ task: JSONValue) -> JSONValue {
        guard case .object(var members) = task else { return task }
        let agent = dataset.agents.first { $0.id == task["agentId"]?.stringValue }
        members.append(.init("isLeadTask", .bool(agent?.record["isLead"]?.boolValue ?? false)))
        members.append(.init("supportedSteerModes", .array([.string("queue")])))
        return .object(members)
    }

    /// `limit` and `offset` as zod's `z.coerce.number().int()` reads them; the 400 answer otherwise.
    func paging(_ request: PlayerRequest) -> (limit: Int, offset: Int, invalid: PlayerResponse?) {
        var values = [25, 0]
        for (i, name) in ["limit", "offset"].enumerated() {
            guard let text = request.query(name) else { continue }
            guard let n = Int(text) else { return (0, 0, error(400, "Validation error: \(name): Expected number, received nan")) }
            values[i] = n
        }
        return (values[0], values[1], nil)
    }

    func tasks(_ request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        let (limit, offset, invalid) = paging(request)
        if let invalid { return invalid }
        if let order = request.query("orderBy"), !["createdAt", "lastUpdatedAt"].contains(order) {
            return error(400, "Validation error: orderBy: Invalid enum value. Expected 'lastUpdatedAt' | 'createdAt', received '\(order)'")
        }
        var rows = allTasks.enumerated().map { (index: $0.offset, task: $0.element.task, session: $0.element.session) }
        if request.query("includeHeartbeat") != "true" {
            rows = rows.filter { $0.task["taskType"]?.stringValue != "heartbeat" }
        }
        if let after = request.query("createdAfter") {
            guard after.count >= 20, after.hasSuffix("Z"), after.dropFirst(10).first == "T" else { return error(400, "Validation error: createdAfter: Invalid datetime") }
            rows = rows.filter { ($0.task["createdAt"]?.stringValue ?? "") >= after }
        }
        let key = request.query("orderBy") == "createdAt" ? "createdAt" : "lastUpdatedAt"
        rows.sort { ($0.task[key]?.stringValue ?? "", $0.index) > ($1.task[key]?.stringValue ?? "", $1.index) }
        let total = rows.count
        let full = request.query("fields") == "full"
        let page = rows.dropFirst(max(0, offset)).prefix(max(0, limit)).map { row -> JSONValue in
            let cost = Self.sum(row.session.costsByTask[row.task["id"]?.stringValue ?? ""] ?? [])
            return full ? Self.adding(cost, to: row.task) : Self.slim(row.task, cost: cost)
        }
        return .json(JSONBuilder.object(["tasks": .array(page), "total": JSONBuilder.int(options.lyingTotal ?? total)]))
    }

    func sessions(_ request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        let (limit, offset, invalid) = paging(request)
        if let invalid { return invalid }
        let full = request.query("fields") == "full"
        let items = dataset.sessions.compactMap { s -> (String, JSONValue)? in
            guard let root = s.records.first else { return nil }
            let latest = s.records.max { ($0["lastUpdatedAt"]?.stringValue ?? "") < ($1["lastUpdatedAt"]?.stringValue ?? "") } ?? root
            let activity = latest["lastUpdatedAt"]?.stringValue ?? ""
            return (activity, JSONBuilder.object([
                "root": full ? root : Self.slim(root, cost: nil), "chainTaskCount": JSONBuilder.int(s.records.count),
                "lastActivityAt": .string(activity), "latestStatus": latest["status"] ?? .null,
            ]))
        }.sorted { $0.0 > $1.0 }.map(\.1)
        let page = Array(items.dropFirst(max(0, offset)).prefix(max(0, limit)))
        return .json(JSONBuilder.object([
            "sessions": .array(page), "total": JSONBuilder.int(options.lyingTotal ?? items.count),
            "limit": JSONBuilder.int(limit), "offset": JSONBuilder.int(offset),
        ]))
    }

    /// `SUM(totalCostUsd)` of the task's rows as JavaScript prints the double; nil without rows.
    static func sum(_ rows: [JSONValue]) -> String? {
        guard !rows.isEmpty else { return nil }
        let total = rows.reduce(0.0) { $0 + (Double(Self.literal($1["totalCostUsd"])) ?? 0) }
        var text = "\(total)"
        if text.contains("e"), let d = Decimal(string: text) { text = "\(d)" }
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func literal(_ value: JSONValue?) -> String {
        if case .number(let literal)? = value { return literal }
        return ""
    }

    static func adding(_ cost: String?, to task: JSONValue) -> JSONValue {
        guard let cost, case .object(var members) = task else { return task }
        members.append(.init("totalCostUsd", .number(cost)))
        return .object(members)
    }

    /// `rowToAgentTaskSummary`: the listed fields only, `task` cut to a 300-character preview.
    static func slim(_ task: JSONValue, cost: String?) -> JSONValue {
        let keep = [
            "id", "key", "agentId", "creatorAgentId", "task", "title", "status", "source", "taskType", "tags", "priority", "dependsOn",
            "offeredTo", "acceptedAt", "parentTaskId", "scheduleId", "model", "modelTier", "effort", "provider", "requestedByUserId",
            "progress", "createdAt", "lastUpdatedAt", "finishedAt", "peakContextPercent",
        ]
        var members: [JSONMember] = []
        for key in keep {
            guard let value = task[key] else { continue }
            if key == "task", let text = value.stringValue, text.count > 300 {
                members.append(.init(key, .string(String(text.prefix(300)) + "…")))
            } else {
                members.append(.init(key, value))
            }
        }
        if let cost { members.append(.init("totalCostUsd", .number(cost))) }
        return .object(members)
    }
}
