import ChronicleJSON

extension PlatformDataset {
    /// Agent Swarm: one offset-paged session listing for every agent (newest first), each
    /// session's history in its tasks' log lines whose `content` is a raw JSON line (one line per
    /// session is not JSON), an assistant message's usage repeated on each of its streamed lines
    /// (count it once), a running session in active-sessions, and a cost record per session.
    /// One more session waits in ``lateSessions`` for the shifting-pages fault.
    static func agentSwarm(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x7377_6172)
        let token = "swarm_" + rng.hex(32)
        var agents: [DatasetAgent] = []
        var all: [DatasetSession] = []
        var n = 0
        func uuid() -> String { "\(rng.hex(8))-\(rng.hex(4))-4\(rng.hex(3))-a\(rng.hex(3))-\(rng.hex(12))" }
        for a in 0..<sizes.agents {
            let agentID = uuid()
            agents.append(DatasetAgent(id: agentID, name: "swarm-\(a)", record: J.object(["id": .string(agentID)])))
            for s in 0..<(sizes.sessionsPerAgent + (a == 0 ? 1 : 0)) {
                n += 1
                let root = "t_\(300 + n)"
                let tasks = n % 2 == 0 ? [root, root + "b"] : [root]
                let provider = "prov_\(80 + n)"
                var logs: [String: [JSONValue]] = [:]
                var ids: [String] = []
                var usage = UsageTruth()
                var line = 0
                var inputSum: Int64 = 0, outputSum: Int64 = 0
                for (t, task) in tasks.enumerated() {
                    var lines: [JSONValue] = []
                    var number = 0
                    func add(_ content: String) {
                        number += 1
                        line += 1
                        ids.append("\(task)#1:\(number)")
                        lines.append(J.object([
                            "sessionId": .string(provider), "iteration": J.int(1), "cli": .string("claude"), "lineNumber": J.int(number),
                            "createdAt": .string(ISOTime.millis(time(session: n, event: line))), "content": .string(content),
                        ]))
                    }
                    add(String(decoding: J.bytes(J.object(["type": .string("system"), "subtype": .string("init"), "model": .string("claude-sonnet-4-6"), "cwd": .string("/work/\(task)")])), as: UTF8.self))
                    if t == 0 { add("npm WARN deprecated glob@7.2.3: not valid JSON, kept verbatim") }
                    let turns = max(1, (sizes.eventsPerSession - 3) / 3)
                    for k in 0..<turns {
                        add(String(decoding: J.bytes(J.object(["type": .string("user"), "message": J.object(["role": .string("user"), "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng))])])])])), as: UTF8.self))
                        let mid = "msg_\(n)_\(t)_\(k)"
                        let input = Int64(rng.int(300...2500)), output = Int64(rng.int(20...450))
                        usage.add(input: input, output: output)
                        inputSum += input
                        outputSum += output
                        let u = J.object(["input_tokens": J.int(input), "output_tokens": J.int(output)])
                        // The same message streamed on two lines, its usage repeated on both.
                        for piece in 0..<2 {
                            let blocks: [JSONValue] = piece == 0
                                ? [J.object(["type": .string("text"), "text": .string(sentence(&rng, 4))])]
                                : [J.object(["type": .string("tool_use"), "id": .string("tu_\(mid)"), "name": .string("bash"), "input": J.object(["command": .string("swift build")])])]
                            add(String(decoding: J.bytes(J.object(["type": .string("assistant"), "message": J.object([
                                "id": .string(mid), "type": .string("message"), "role": .string("assistant"), "model": .string("claude-sonnet-4-6"),
                                "content": .array(blocks), "stop_reason": .null, "usage": u,
                            ])])), as: UTF8.self))
                        }
                    }
                    add(String(decoding: J.bytes(J.object(["type": .string("result"), "subtype": .string("success"), "is_error": .bool(false), "result": .string("Done: \(sentence(&rng, 3))"), "num_turns": J.int(turns)])), as: UTF8.self))
                    logs[task] = lines
                }
                let running = a == 0 && s == 0
                let created = time(session: n, event: 0)
                let listing = J.object([
                    "id": .string(root), "rootTaskId": .string(root), "agentId": .string(agentID), "title": .string("Triage \(sentence(&rng, 2))"),
                    "source": .string("slack"), "status": .string(running ? "running" : "completed"),
                    "createdAt": .string(ISOTime.millis(created)), "updatedAt": .string(ISOTime.millis(time(session: n, event: line))),
                    "taskIds": .array(tasks.map(JSONValue.string)), "providerSessionId": .string(provider),
                ])
                let cents = Int(inputSum / 100 + outputSum / 20)
                let cost = J.object([
                    "sessionId": .string(provider), "taskId": .string(root), "agentId": .string(agentID),
                    "totalCostUsd": .number("0.\(String(format3: cents % 1000))1"),
                    "inputTokens": J.int(inputSum), "outputTokens": J.int(outputSum), "cacheReadTokens": J.int(0), "cacheWriteTokens": J.int(0),
                    "reasoningOutputTokens": J.int(0), "thinkingTokens": J.int(0), "durationMs": J.int(line * 1500), "numTurns": J.int(usage.requests),
                    "model": .string("claude-sonnet-4-6"), "isError": .bool(false), "costSource": .string("harness"), "createdAt": .string(ISOTime.millis(created)),
                ])
                let truth = SessionTruth(id: root, agentID: agentID, eventIDs: ids, artifacts: [], usage: usage, running: running)
                all.append(DatasetSession(id: root, agentID: agentID, listing: listing, logsByTask: logs, running: running, cost: cost, truth: truth))
            }
        }
        // The listing is newest first; the newest session of agent 0 arrives during the export.
        let late = all.remove(at: sizes.sessionsPerAgent)
        return PlatformDataset(platform: .agentSwarm, seed: seed, sizes: sizes, token: token, agents: agents, sessions: Array(all.reversed()), lateSessions: [late])
    }
}
