import ChronicleCore
import ChronicleJSON

/// One session as `GET /api/sessions/{rootTaskId}` returns it (`{"root": Task, "chain": [Task]}`,
/// the chain ordered by `createdAt`, the root first), and what Chronicle derives from it the way
/// the server's `listRecentSessions` does: `lastActivityAt` is the latest `lastUpdatedAt` of the
/// chain, `latestStatus` the status of the task updated last (on a tie, the first such task in
/// chain order).
struct AgentSwarmChain: Sendable {
    struct Task: Sendable {
        var id: String
        var agentID: String?
        var status: String?
        var model: String?
        var lastUpdatedAt: Timestamp?
    }

    var rootID: String
    var rootAgentID: String?
    /// `title`, else the task text.
    var title: String?
    var createdAt: Timestamp?
    /// The root first, then its descendants in the server's order; never empty.
    var tasks: [Task]

    /// The statuses after which a task does not run again (`src/types.ts`).
    static let terminalStatuses: Set<String> = ["completed", "failed", "cancelled", "superseded"]

    init(_ r: RecordReader) throws(RecordError) {
        guard let rootValue = r.value["root"], rootValue.objectMembers != nil else {
            throw r.error("root", "is missing or not an object")
        }
        let root = RecordReader(rootValue, kind: "\(r.kind).root", sessionID: r.sessionID)
        let rootTask = try Self.task(root)
        rootID = rootTask.id
        rootAgentID = rootTask.agentID
        let title = try root.optionalString("title")
        let text = try root.optionalString("task")
        self.title = title ?? text
        createdAt = try root.optionalTimestamp("createdAt")
        var tasks: [Task] = []
        var seen = Set<PlatformIDKey>()
        for (i, element) in (try r.optionalArray("chain") ?? []).enumerated() {
            guard element.objectMembers != nil else { throw r.error("chain[\(i)]", "should be an object, found \(element.typeName)") }
            let task = try Self.task(RecordReader(element, kind: "\(r.kind).chain[\(i)]", sessionID: r.sessionID))
            if seen.insert(PlatformIDKey(task.id)).inserted { tasks.append(task) }
        }
        if !seen.contains(PlatformIDKey(rootID)) { tasks.insert(rootTask, at: 0) }
        self.tasks = tasks
    }

    static func task(_ r: RecordReader) throws(RecordError) -> Task {
        Task(
            id: try r.requiredString("id"), agentID: try r.optionalString("agentId"), status: try r.optionalString("status"),
            model: try r.optionalString("model"), lastUpdatedAt: try r.optionalTimestamp("lastUpdatedAt")
        )
    }

    /// The task updated last: what `lastActivityAt` and `latestStatus` come from.
    var latest: Task? {
        var best: Task?
        for task in tasks {
            guard let t = task.lastUpdatedAt else { continue }
            if let b = best?.lastUpdatedAt, !(b < t) { continue }
            best = task
        }
        return best
    }

    var lastActivityAt: Timestamp? { latest?.lastUpdatedAt }

    var latestStatus: String? { latest?.status ?? tasks.first?.status }

    /// Whether the session still runs: a task `in_progress`, a latest status that is not terminal,
    /// or a task with an active-session row.
    func isRunning(activeTaskIDs: Set<PlatformIDKey>) -> Bool {
        if tasks.contains(where: { $0.status == "in_progress" }) { return true }
        if let status = latestStatus, !Self.terminalStatuses.contains(status) { return true }
        return tasks.contains { activeTaskIDs.contains(PlatformIDKey($0.id)) }
    }
}
