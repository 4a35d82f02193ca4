import ChronicleJSON

extension PlatformDataset {
    /// Agent Swarm, in the server's own shapes (`rowToAgentTask`, `rowToSessionLog`,
    /// `rowToSessionCost`; see `scripts/swarm_sqlite.py` for the same rules against SQLite): a
    /// session is a root task and its descendants, run by other agents with other harnesses
    /// (claude, codex, opencode, pi). Per session: ``DatasetSession/records`` is the chain (root
    /// first, by `createdAt`), ``DatasetSession/logsByTask`` each task's log lines in insertion
    /// order (random ids, `lineNumber` restarting at each flush of 4 lines, a flush's lines sharing
    /// its `createdAt`), ``DatasetSession/costsByTask`` each task's cost rows (one per finished run;
    /// one root runs twice; some rows `pricing-table` or `unpriced`).
    ///
    /// Traps: claude messages streamed on two lines repeating their usage; a run still in progress
    /// (no cost row: its tokens come from its lines; an active-session row); a line that is not
    /// JSON and a stderr line. The truth counts each run's tokens once, from its cost row when it
    /// has one. One more session waits in ``lateSessions`` (newest of all), and a later version of
    /// the second oldest session in ``laterVersions`` (a follow-up task added to it: the activity fault).
    static func agentSwarm(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        var b = SwarmBuilder(seed: seed, sizes: sizes)
        var all: [DatasetSession] = []
        var n = 0
        for a in 0..<sizes.agents {
            for s in 0..<sizes.sessionsPerAgent {
                n += 1
                all.append(b.session(number: n, rootAgent: a, running: a == 0 && s == 0))
            }
        }
        let late = b.session(number: n + 1, rootAgent: 0, running: false)
        var later = all[min(1, all.count - 1)]
        b.addFollowUp(to: &later, at: PlatformDataset.time(session: n + 2, event: 0))
        return PlatformDataset(
            platform: .agentSwarm, seed: seed, sizes: sizes, token: b.token, agents: b.agents,
            sessions: all.reversed(), lateSessions: [late], laterVersions: [later]
        )
    }
}

/// Builds the agent-swarm dataset: agents, then sessions one by one.
private struct SwarmBuilder {
    typealias J = JSONBuilder
    var rng: SeededGenerator
    let sizes: DatasetSizes
    let token: String
    var agents: [DatasetAgent] = []
    var providers: [String] = []
    static let harnesses = ["claude", "codex", "opencode", "pi"]

    init(seed: UInt64, sizes: DatasetSizes) {
        rng = SeededGenerator(seed: seed ^ 0x7377_6172)
        self.sizes = sizes
        token = "swarm_" + rng.hex(32)
        for a in 0..<sizes.agents {
            let id = uuid()
            let provider = Self.harnesses[a % Self.harnesses.count]
            let at = JSONValue.string(ISOTime.millis(PlatformDataset.epoch))
            let record = J.object([
                "id": .string(id), "name": .string("swarm-\(a)"), "isLead": .bool(a == 0), "status": .string("idle"),
                "capabilities": .array([]), "maxTasks": J.int(a == 0 ? 4 : 1), "emptyPollCount": J.int(0), "provider": .string(provider),
                "harnessProvider": .string(provider), "createdAt": at, "lastUpdatedAt": at, "credentialMissing": .null, "credStatus": .null,
                "avatar": .null,
            ])
            agents.append(DatasetAgent(id: id, name: "swarm-\(a)", record: record))
            providers.append(provider)
        }
    }

    mutating func uuid() -> String {
        "\(rng.hex(8))-\(rng.hex(4))-4\(rng.hex(3))-a\(rng.hex(3))-\(rng.hex(12))"
    }

    /// One task being built.
    struct TaskDraft {
        var id: String
        var agent: Int
        var parent: String?
        var harness: String
        var text: String
        var title: String?
        var status: String
        var created: Int64
        var updated: Int64
        var output: String?
    }

    /// One log line or cost row with its place in the truth's order.
    struct Placed {
        var time: Int64
        var group: Int
        var lineNumber: Int
        var chainIndex: Int
        var position: Int
        var id: String
    }

    mutating func session(number n: Int, rootAgent a: Int, running: Bool) -> DatasetSession {
        var clock = PlatformDataset.time(session: n, event: 0)
        var tasks: [TaskDraft] = []
        func draft(_ agent: Int, parent: String?, harness: String, text: String, title: String?) -> TaskDraft {
            clock += 1_000
            return TaskDraft(id: uuid(), agent: agent, parent: parent, harness: harness, text: text, title: title, status: "completed", created: clock, updated: clock)
        }
        let root = draft(a, parent: nil, harness: providers[a], text: "Triage \(PlatformDataset.sentence(&rng, 5)) for session \(n)", title: n % 3 == 0 ? nil : "Triage #\(n)")
        tasks.append(root)
        let agentCount = sizes.agents
        if n % 2 == 0 {
            let child = draft((a + 1) % agentCount, parent: root.id, harness: Self.harnesses[(n / 2) % 4], text: "Check \(PlatformDataset.sentence(&rng, 4))", title: nil)
            tasks.append(child)
            if n % 4 == 0 {
                tasks.append(draft((a + 1) % agentCount, parent: child.id, harness: Self.harnesses[(n / 4 + 2) % 4], text: "Review \(PlatformDataset.sentence(&rng, 3))", title: "Review"))
            }
        }
        // Runs: every task once, the root twice when n % 3 == 0; the running session's root run
        // has not ended (no cost row).
        var logs: [String: [JSONValue]] = [:]
        var costs: [String: [JSONValue]] = [:]
        var placed: [Placed] = []
        var usage = UsageTruth()
        var runs: [(task: Int, open: Bool)] = tasks.indices.map { ($0, false) }
        if n % 3 == 0 { runs.append((0, false)) }
        if running { runs[0].open = true }
        for (r, run) in runs.enumerated() {
            let task = tasks[run.task]
            let runner = uuid()
            let lines = content(harness: task.harness, session: n, run: r, firstOfSession: r == 0)
            var flushStart = 0
            var insertion = logs[task.id]?.count ?? 0
            while flushStart < lines.lines.count {
                clock += 2_500
                let flush = lines.lines[flushStart..<min(lines.lines.count, flushStart + 4)]
                for (k, line) in flush.enumerated() {
                    let id = uuid()
                    logs[task.id, default: []].append(J.object([
                        "id": .string(id), "taskId": .string(task.id), "sessionId": .string(runner), "iteration": J.int(1),
                        "cli": .string(task.harness), "content": .string(line), "lineNumber": J.int(k),
                        "createdAt": .string(ISOTime.millis(clock)),
                    ]))
                    placed.append(Placed(time: clock, group: 0, lineNumber: k, chainIndex: run.task, position: insertion, id: id))
                    insertion += 1
                }
                flushStart += 4
            }
            tasks[run.task].updated = clock
            if run.open {
                tasks[run.task].status = "in_progress"
                for (input, output) in lines.usage { usage.add(input: input, output: output) }
                continue
            }
            clock += 300
            let input = Int64(rng.int(800...9000)), output = Int64(rng.int(40...900))
            let unpriced = n % 5 == 2 && r == runs.count - 1
            let costID = uuid()
            let cents = rng.int(1...9_999) * 10 + 3
            let literal = unpriced ? "0" : "0.\(String(format5: cents))"
            let source = unpriced ? "unpriced" : (n % 2 == 1 ? "pricing-table" : "harness")
            costs[task.id, default: []].insert(J.object([
                "id": .string(costID), "sessionId": .string(runner), "taskId": .string(task.id), "agentId": .string(agents[task.agent].id),
                "totalCostUsd": .number(literal), "inputTokens": J.int(input), "outputTokens": J.int(output), "cacheReadTokens": J.int(0),
                "cacheWriteTokens": J.int(0), "reasoningOutputTokens": J.int(0), "thinkingTokens": J.int(0), "durationMs": J.int(9_000 + r),
                "numTurns": J.int(1), "model": .string(unpriced ? "" : model(task.harness)), "isError": .bool(unpriced), "costSource": .string(source),
                "harnessCostUsd": .number(literal), "cacheWrite5mTokens": .null, "cacheWrite1hTokens": .null, "modelBreakdown": .null,
                "createdAt": .string(ISOTime.millis(clock)),
            ]), at: 0)
            placed.append(Placed(time: clock, group: 1, lineNumber: 0, chainIndex: run.task, position: -r, id: costID))
            usage.add(input: input, output: output)
            if unpriced { tasks[run.task].status = "failed" }
        }
        if running { tasks[0].status = "in_progress" }
        // The cost rows of a task come newest first: their position is their index there.
        var costPositions: [String: Int] = [:]
        for rows in costs.values { for (i, row) in rows.enumerated() { if let id = row["id"]?.stringValue { costPositions[id] = i } } }
        for i in placed.indices where placed[i].group == 1 { placed[i].position = costPositions[placed[i].id] ?? 0 }
        placed.sort { ($0.time, $0.group, $0.lineNumber, $0.chainIndex, $0.position) < ($1.time, $1.group, $1.lineNumber, $1.chainIndex, $1.position) }

        let chain = tasks.map { record($0) }
        let truth = SessionTruth(id: root.id, agentID: agents[a].id, eventIDs: placed.map(\.id), artifacts: [], usage: usage, running: running)
        return DatasetSession(
            id: root.id, agentID: agents[a].id, listing: chain[0], records: chain, logsByTask: logs, running: running,
            costsByTask: costs, truth: truth
        )
    }

    /// The activity fault's later version of a session: a follow-up task (pending, no logs) is
    /// added to it, so it is newest in the task walk and its `lastActivityAt` moves.
    mutating func addFollowUp(to session: inout DatasetSession, at ms: Int64) {
        let draft = TaskDraft(
            id: uuid(), agent: 0, parent: session.id, harness: providers[0], text: "Follow-up: post the summary", title: nil,
            status: "pending", created: ms, updated: ms
        )
        session.records.append(record(draft))
        session.truth.running = true
        session.running = true
    }

    /// A task as `rowToAgentTask` writes it (absent values omitted).
    func record(_ t: TaskDraft) -> JSONValue {
        var m: [JSONMember] = [
            .init("id", .string(t.id)), .init("key", .string("shared/task:\(t.id)/")), .init("agentId", .string(agents[t.agent].id)),
        ]
        if t.parent != nil { m.append(.init("creatorAgentId", .string(agents[0].id))) }
        m.append(.init("task", .string(t.text)))
        if let title = t.title { m.append(.init("title", .string(title))) }
        m += [
            .init("status", .string(t.status)), .init("source", .string(t.parent == nil ? "slack" : "mcp")), .init("tags", .array([])),
            .init("priority", J.int(50)), .init("dependsOn", .array([])),
        ]
        if t.status != "pending" { m.append(.init("acceptedAt", .string(ISOTime.millis(t.created + 200)))) }
        m.append(.init("slackReplySent", .bool(false)))
        if let parent = t.parent { m.append(.init("parentTaskId", .string(parent))) }
        m += [
            .init("model", .string(model(t.harness))), .init("compactionCount", J.int(0)), .init("createdAt", .string(ISOTime.millis(t.created))),
            .init("lastUpdatedAt", .string(ISOTime.millis(t.updated))),
        ]
        if ["completed", "failed"].contains(t.status) { m.append(.init("finishedAt", .string(ISOTime.millis(t.updated)))) }
        m += [.init("wasPaused", .bool(false)), .init("provider", .string(t.harness))]
        return .object(m)
    }

    func model(_ harness: String) -> String {
        switch harness {
        case "codex": return "gpt-5.1-codex"
        case "opencode": return "anthropic/claude-sonnet-4-6"
        case "pi": return "gpt-5-mini"
        default: return "claude-sonnet-4-6"
        }
    }

    /// The lines of one run in the harness's format, and the usage its lines state (each
    /// request once), counted only when the run has no cost row.
    mutating func content(harness: String, session n: Int, run r: Int, firstOfSession: Bool) -> (lines: [String], usage: [(Int64, Int64)]) {
        func s(_ v: JSONValue) -> String { String(decoding: J.bytes(v), as: UTF8.self) }
        var lines: [String] = []
        var usage: [(Int64, Int64)] = []
        let turns = max(1, (sizes.eventsPerSession - 3) / 3)
        if firstOfSession {
            lines.append("npm WARN deprecated glob@7.2.3: not valid JSON, kept verbatim")
            lines.append(s(J.object(["type": .string("stderr"), "content": .string("(node:812) ExperimentalWarning: stderr line"), "timestamp": .string("2026-11-24T00:00:00.000Z")])))
        }
        switch harness {
        case "codex":
            lines.append(s(J.object(["type": .string("thread.started"), "thread_id": .string(uuid())])))
            for k in 0..<turns {
                lines.append(s(J.object(["type": .string("turn.started")])))
                lines.append(s(J.object(["type": .string("item.started"), "item": J.object(["id": .string("item_\(k)"), "type": .string("command_execution"), "command": .string("swift build"), "aggregated_output": .string(""), "exit_code": .null, "status": .string("in_progress")])])))
                lines.append(s(J.object(["type": .string("item.completed"), "item": J.object(["id": .string("item_\(k)"), "type": .string("command_execution"), "command": .string("swift build"), "aggregated_output": .string("Build complete!"), "exit_code": J.int(0), "status": .string("completed")])])))
                let input = Int64(rng.int(2000...9000)), output = Int64(rng.int(20...400))
                lines.append(s(J.object(["type": .string("turn.completed"), "usage": J.object(["input_tokens": J.int(input), "cached_input_tokens": J.int(0), "output_tokens": J.int(output)])])))
                usage.append((input, output))
            }
        case "opencode":
            lines.append(s(J.object(["type": .string("session_init"), "sessionId": .string("ses_\(n)_\(r)"), "provider": .string("opencode")])))
            lines.append(s(J.object(["type": .string("tool_start"), "toolCallId": .string("call_\(r)"), "toolName": .string("webfetch"), "args": J.object(["url": .string("https://example.com")])])))
            lines.append(s(J.object(["type": .string("tool_end"), "toolCallId": .string("call_\(r)"), "toolName": .string("webfetch"), "result": .string(PlatformDataset.sentence(&rng, 4))])))
            lines.append(s(J.object(["type": .string("message"), "role": .string("assistant"), "content": .string(PlatformDataset.sentence(&rng))])))
            let input = Int64(rng.int(1000...5000)), output = Int64(rng.int(20...300))
            lines.append(s(J.object(["type": .string("result"), "cost": J.object(["sessionId": .string(""), "totalCostUsd": .number("0.0123"), "inputTokens": J.int(input), "outputTokens": J.int(output), "model": .string("anthropic/claude-sonnet-4-6")]), "isError": .bool(false)])))
            usage.append((input, output))
        case "pi":
            let m = JSONValue.string("gpt-5-mini")
            lines.append(s(J.object(["type": .string("assistant"), "message": J.object(["role": .string("assistant"), "content": .array([J.object(["type": .string("text"), "text": .string(PlatformDataset.sentence(&rng))])]), "model": m])])))
            lines.append(s(J.object(["type": .string("assistant"), "message": J.object(["role": .string("assistant"), "content": .array([J.object(["type": .string("tool_use"), "id": .string("tc_\(r)"), "name": .string("read"), "input": J.object(["path": .string("README.md")])])]), "model": m])])))
            lines.append(s(J.object(["type": .string("assistant"), "message": J.object(["role": .string("assistant"), "content": .array([J.object(["type": .string("tool_result"), "tool_use_id": .string("tc_\(r)"), "content": .string("# README")])])])])))
        default:
            lines.append(s(J.object(["type": .string("system"), "subtype": .string("init"), "model": .string("claude-sonnet-4-6"), "cwd": .string("/work/\(n)")])))
            for k in 0..<turns {
                lines.append(s(J.object(["type": .string("user"), "message": J.object(["role": .string("user"), "content": .array([J.object(["type": .string("text"), "text": .string(PlatformDataset.sentence(&rng))])])])])))
                let mid = "msg_\(n)_\(r)_\(k)"
                let input = Int64(rng.int(300...2500)), output = Int64(rng.int(20...450))
                let u = J.object(["input_tokens": J.int(input), "output_tokens": J.int(output)])
                for piece in 0..<2 {
                    let block = piece == 0
                        ? J.object(["type": .string("text"), "text": .string(PlatformDataset.sentence(&rng, 4))])
                        : J.object(["type": .string("tool_use"), "id": .string("tu_\(mid)"), "name": .string("bash"), "input": J.object(["command": .string("swift build")])])
                    lines.append(s(J.object(["type": .string("assistant"), "message": J.object([
                        "id": .string(mid), "type": .string("message"), "role": .string("assistant"), "model": .string("claude-sonnet-4-6"),
                        "content": .array([block]), "stop_reason": .null, "usage": u,
                    ])])))
                }
                usage.append((input, output))
            }
            lines.append(s(J.object(["type": .string("result"), "subtype": .string("success"), "is_error": .bool(false), "result": .string("Done"), "num_turns": J.int(turns)])))
        }
        return (lines, usage)
    }
}

extension String {
    /// `n` as five digits with leading zeros.
    init(format5 n: Int) {
        let s = String(n)
        self = String(repeating: "0", count: Swift.max(0, 5 - s.count)) + s
    }
}
