import ChronicleJSON

extension PlatformDataset {
    /// AgentScope: sessions per configured agent (one per workspace), messages paged by offset
    /// (limit ≤ 200), timestamps in several string variants, usage on some messages, the user id
    /// header as the credential, a running session.
    static func agentScope(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x7363_6f70)
        let userID = "u_" + rng.hex(24)
        var agents: [DatasetAgent] = []
        var sessions: [DatasetSession] = []
        var n = 0
        for a in 0..<sizes.agents {
            let agentID = "a_\(a)_" + rng.hex(4)
            agents.append(DatasetAgent(id: agentID, name: "agent-\(a)", record: J.object(["id": .string(agentID)])))
            for s in 0..<sizes.sessionsPerAgent {
                n += 1
                let sid = "s_\(n)_" + rng.hex(6)
                let count = sizes.eventsPerSession + rng.int(0...3)
                var records: [JSONValue] = []
                var ids: [String] = []
                var usage = UsageTruth()
                for i in 0..<count {
                    let mid = "msg_\(n)_\(i)"
                    ids.append(mid)
                    let created = JSONValue.string(ISOTime.variant(time(session: n, event: i), i))
                    let finished = JSONValue.string(ISOTime.variant(time(session: n, event: i) + 700, i + 1))
                    switch i % 4 {
                    case 0:
                        records.append(J.object(["id": .string(mid), "name": .string("user"), "created_at": created, "finished_at": finished, "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng)), "id": .string("blk_\(n)_\(i)")])]), "metadata": J.object([:])]))
                    case 1:
                        records.append(J.object(["id": .string(mid), "name": .string("assistant"), "created_at": created, "finished_at": finished, "content": .array([J.object(["type": .string("tool_use"), "id": .string("tu_\(n)_\(i)"), "name": .string("search"), "input": J.object(["q": .string(sentence(&rng, 2))])])]), "metadata": J.object([:])]))
                    case 2:
                        records.append(J.object(["id": .string(mid), "name": .string("search"), "created_at": created, "finished_at": finished, "content": .array([J.object(["type": .string("tool_result"), "id": .string("tu_\(n)_\(i - 1)"), "output": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng))])])])]), "metadata": J.object([:])]))
                    default:
                        let input = Int64(rng.int(100...1500)), output = Int64(rng.int(10...300))
                        usage.add(input: input, output: output)
                        records.append(J.object(["id": .string(mid), "name": .string("assistant"), "created_at": created, "finished_at": finished, "content": .array([J.object(["type": .string("text"), "text": .string(sentence(&rng, 10)), "id": .string("blk_\(n)_\(i)")])]), "metadata": J.object([:]), "usage": J.object(["input_tokens": J.int(input), "output_tokens": J.int(output)])]))
                    }
                }
                let running = a == 0 && s == 0
                let context = Array(records.suffix(2))
                let listing = J.object([
                    "session": J.object([
                        "id": .string(sid), "user_id": .string("u_7"), "agent_id": .string(agentID), "team_id": .null, "source": .string("user"), "source_schedule_id": .null,
                        "created_at": .string(ISOTime.seconds(time(session: n, event: 0))), "updated_at": .string(ISOTime.seconds(time(session: n, event: count))),
                        "config": J.object(["workspace_id": .string("w_\(s)"), "name": .string("Quarterly report \(n)"), "chat_model_config": J.object(["type": .string("openai"), "credential_id": .string("c_1"), "model": .string("gpt-5.1"), "parameters": J.object([:])]), "fallback_chat_model_config": .null]),
                        "state": J.object(["session_id": .string(sid), "summary": .string("Earlier: \(sentence(&rng, 4))"), "reply_id": .string("r_\(n)"), "cur_iter": J.int(count / 4), "context": .array(context), "permission_context": J.object([:]), "tool_context": J.object([:]), "tasks_context": J.object(["tasks": .array([])])]),
                    ]),
                    "is_running": .bool(running), "team": .null,
                ])
                let truth = SessionTruth(id: sid, agentID: agentID, eventIDs: ids, artifacts: [], usage: usage, running: running)
                sessions.append(DatasetSession(id: sid, agentID: agentID, listing: listing, records: records, running: running, truth: truth))
            }
        }
        return PlatformDataset(platform: .agentscope, seed: seed, sizes: sizes, token: userID, agents: agents, sessions: sessions)
    }
}
