import ChronicleJSON

extension PlatformDataset {
    /// Managed agents: cursor-paged agents, sessions and files; an event log array per session
    /// with usage on each `agent.message` AND the sum on the session (count once); raw files.
    static func managedAgents(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x6D61_6E61)
        let token = "sk-ma-" + rng.hex(32)
        var agents: [DatasetAgent] = []
        var sessions: [DatasetSession] = []
        var n = 0
        for a in 0..<sizes.agents {
            let id = "agent_01H\(a)" + rng.hex(10)
            let name = "support-bot-\(a)"
            agents.append(DatasetAgent(id: id, name: name, record: J.object([
                "id": .string(id), "name": .string(name), "version": J.int(7 + a), "model": .string("claude-sonnet-4-6"),
                "created_at": .string(ISOTime.seconds(epoch - 86_400_000)), "updated_at": .string(ISOTime.seconds(epoch)),
            ])))
            for s in 0..<sizes.sessionsPerAgent {
                n += 1
                let sid = "sess_01J\(n)" + rng.hex(10)
                let count = sizes.eventsPerSession + rng.int(0...2)
                var records: [JSONValue] = []
                var ids: [String] = []
                var usage = UsageTruth()
                var sums: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
                for i in 0..<count {
                    let eid = "evt_\(n)_\(String(format3: i))"
                    ids.append(eid)
                    let at = JSONValue.string(ISOTime.seconds(time(session: n, event: i)))
                    if i == count - 1 {
                        records.append(J.object(["id": .string(eid), "type": .string("session.status"), "created_at": at, "status": .string("idle")]))
                        continue
                    }
                    if i == count - 2 {
                        // A type from a newer platform release: kept, shown, counted.
                        records.append(J.object(["id": .string(eid), "type": .string("agent.memory_write"), "created_at": at, "memory": J.object(["key": .string("k\(n)"), "value": .string(sentence(&rng, 3))])]))
                        continue
                    }
                    switch i % 5 {
                    case 0:
                        records.append(J.object(["id": .string(eid), "type": .string("user.message"), "created_at": at, "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng))])])]))
                    case 1:
                        records.append(J.object(["id": .string(eid), "type": .string("agent.thinking"), "created_at": at, "thinking": .string(sentence(&rng, 5))]))
                    case 2:
                        records.append(J.object(["id": .string(eid), "type": .string("agent.tool_use"), "created_at": at, "tool_use_id": .string("tu_\(n)_\(i)"), "name": .string("web_search"), "input": J.object(["q": .string(sentence(&rng, 2))])]))
                    case 3:
                        records.append(J.object(["id": .string(eid), "type": .string("agent.tool_result"), "created_at": at, "tool_use_id": .string("tu_\(n)_\(i - 1)"), "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng))])]), "is_error": .bool(false)]))
                    default:
                        let input = Int64(rng.int(200...3000)), output = Int64(rng.int(20...500)), cacheRead = Int64(rng.int(0...9000))
                        usage.add(input: input, output: output)
                        sums.0 += input; sums.1 += output; sums.2 += cacheRead
                        records.append(J.object([
                            "id": .string(eid), "type": .string("agent.message"), "created_at": at,
                            "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng, 10))])]),
                            "model": .string("claude-sonnet-4-6"),
                            "usage": J.object(["input_tokens": J.int(input), "output_tokens": J.int(output), "cache_read_input_tokens": J.int(cacheRead), "cache_creation_input_tokens": J.int(0)]),
                        ]))
                    }
                }
                let running = a == 0 && s == 0
                let artifacts = Self.artifacts(&rng, sizes: sizes, session: n, idPrefix: "file_01", otherType: ("data.csv", "text/csv", "col_a,col_b\n"))
                let listing = J.object([
                    "id": .string(sid), "agent_id": .string(id), "agent_version": J.int(7 + a), "title": .string("Refund for order \(1100 + n)"),
                    "status": .string(running ? "running" : "completed"),
                    "created_at": .string(ISOTime.seconds(time(session: n, event: 0))), "updated_at": .string(ISOTime.seconds(time(session: n, event: count))),
                    // The platform's sum of the events' usage: never added to them.
                    "usage": J.object(["input_tokens": J.int(sums.0), "output_tokens": J.int(sums.1), "cache_read_input_tokens": J.int(sums.2), "cache_creation_input_tokens": J.int(sums.3)]),
                ])
                let truth = SessionTruth(id: sid, agentID: id, eventIDs: ids, artifacts: artifacts.map(\.truth), usage: usage, running: running)
                sessions.append(DatasetSession(id: sid, agentID: id, listing: listing, records: records, artifacts: artifacts, running: running, truth: truth))
            }
        }
        return PlatformDataset(platform: .managedAgents, seed: seed, sizes: sizes, token: token, agents: agents, sessions: sessions)
    }
}
