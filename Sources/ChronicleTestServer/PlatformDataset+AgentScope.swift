import ChronicleJSON
import Foundation

extension PlatformDataset {
    /// AgentScope 2.0.11 (`agentscope.md`): `AgentView`s, `SessionView`s with `status`, and `Msg`es
    /// classified by `role` (a user turn named after a chat user, not `user`), with hint,
    /// thinking, tool_call (raw JSON string input, one that does not parse) and tool_result
    /// (success and error) blocks, a failed reply (`finished_reason: "error"`), a base64 `data`
    /// block (a PNG), usage with cache reads (OpenAI-style: the input includes them), zoneless
    /// times with microseconds, a running and an `awaiting_permission` session; the user id header
    /// as the credential.
    ///
    /// Truth: a message's hint blocks are events before it (id = the block's), a failed reply is
    /// followed by an error event without id (`?`); input tokens exclude the cache reads.
    static func agentScope(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x7363_6f70)
        let userID = "u_" + rng.hex(24)
        var agents: [DatasetAgent] = []
        var sessions: [DatasetSession] = []
        var n = 0
        func block(_ type: String, _ id: String, _ at: Int64, _ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
            let head = [JSONMember("type", .string(type)), JSONMember("id", .string(id))]
            let times = [JSONMember("created_at", .string(ISOTime.zoneless(at))), JSONMember("finished_at", .string(ISOTime.zoneless(at + 40)))]
            return .object(head + members.map { JSONMember($0.key, $0.value) } + times)
        }
        for a in 0..<sizes.agents {
            let agentID = rng.hex(32)
            let name = a == 0 ? "Friday" : "Scout \(a)"
            let created = JSONValue.string(ISOTime.zoneless(epoch + Int64(a) * 60_000))
            let record = J.object([
                "id": .string(agentID), "user_id": .string(userID), "source": .string("user"), "editable": .bool(true),
                "created_at": created, "updated_at": created,
                "data": J.object(["id": .string(rng.hex(32)), "name": .string(name), "system_prompt": .string("You are \(name)."), "chat_config": J.object([:])]),
            ])
            agents.append(DatasetAgent(id: agentID, name: name, record: record))
            for s in 0..<sizes.sessionsPerAgent {
                n += 1
                let sid = rng.hex(32)
                let status = (a, s) == (0, 0) ? "running" : (a, s) == (0, 1) ? "awaiting_permission" : "idle"
                var count = sizes.eventsPerSession + rng.int(0...3)
                // A session parked on a permission prompt ends with the asking reply (index ≡ 1 mod 4).
                if status == "awaiting_permission" { count -= (count + 2) % 4 }
                var records: [JSONValue] = []
                var ids: [String] = []
                var usage = UsageTruth()
                var artifacts: [ArtifactTruth] = []
                for i in 0..<count {
                    let mid = rng.hex(32)
                    let t = time(session: n, event: i)
                    var m: [String: JSONValue] = [:]
                    switch i % 4 {
                    case 0, 2:
                        // A chat channel names the user after its own user id; the web UI says `user`.
                        m["role"] = .string("user")
                        m["name"] = .string(n % 2 == 0 && i == 0 ? "ding_\(4400 + n)" : "user")
                        m["finished_reason"] = .string("completed")
                        m["error"] = .null
                        m["usage"] = .null
                        m["content"] = .array([block("text", rng.hex(12), t, ["text": .string(sentence(&rng))])])
                        ids.append(mid)
                    case 1:
                        let hintID = rng.hex(12), callID = "call_\(n)_\(i)"
                        let fails = (i / 4) % 2 == 1
                        let input: JSONValue = .string(i == 1 && n == 2 ? "{\"query\": \"unfinished" : "{\"query\": \"\(sentence(&rng, 2))\"}")
                        let asking = status == "awaiting_permission" && i == count - 1
                        var blocks = [
                            block("hint", hintID, t, ["hint": .string("<system-reminder>Today is Tuesday.</system-reminder>"), "source": .string("{\"label\": \"System\"}")]),
                            block("tool_call", callID, t + 10, ["name": .string("search"), "input": input, "state": .string(asking ? "asking" : "finished"), "suggested_rules": .array([])]),
                        ]
                        if !asking {
                            blocks.append(block("tool_result", callID, t + 20, [
                                "name": .string("search"), "state": .string(fails ? "error" : "success"), "metadata": J.object([:]),
                                "output": fails ? .string("Error: the index is offline") : .array([block("text", rng.hex(12), t + 30, ["text": .string(sentence(&rng))])]),
                            ]))
                        }
                        if i == 1 {
                            let png = TestPNG.make(width: 4 + n % 3, height: 3, seed: rng.next())
                            artifacts.append(DatasetArtifact(id: "", filename: "chart-\(n).png", mediaType: "image/png", bytes: png, createdAtMs: t).truth)
                            blocks.append(block("data", rng.hex(12), t + 35, [
                                "name": .string("chart-\(n).png"),
                                "source": J.object(["type": .string("base64"), "data": .string(Data(png).base64EncodedString()), "media_type": .string("image/png")]),
                            ]))
                        }
                        blocks.append(block("text", rng.hex(12), t + 50, ["text": .string(sentence(&rng, 6))]))
                        let input0 = Int64(rng.int(900...2000)), cached = Int64(rng.int(0...800)), output = Int64(rng.int(10...300))
                        usage.add(input: input0 - cached, output: output)
                        m["role"] = .string("assistant")
                        m["name"] = .string(name)
                        m["finished_reason"] = asking ? .null : .string("completed")
                        m["error"] = .null
                        m["usage"] = J.object(["input_tokens": J.int(input0), "output_tokens": J.int(output), "cache_input_tokens": J.int(cached), "cache_creation_input_tokens": J.int(0)])
                        m["content"] = .array(blocks)
                        ids += [hintID, mid]
                    default:
                        let failed = (i / 4) % 3 == 2
                        let input0 = Int64(rng.int(900...2000)), cached = Int64(rng.int(0...800)), output = Int64(rng.int(10...300))
                        usage.add(input: input0 - cached, output: output)
                        m["role"] = .string("assistant")
                        m["name"] = .string(name)
                        m["usage"] = J.object(["input_tokens": J.int(input0), "output_tokens": J.int(output), "cache_input_tokens": J.int(cached), "cache_creation_input_tokens": J.int(0)])
                        m["content"] = .array([
                            block("thinking", rng.hex(12), t, ["thinking": .string(sentence(&rng, 4))]),
                            block("text", rng.hex(12), t + 20, ["text": .string(sentence(&rng, 10))]),
                        ])
                        if failed {
                            m["finished_reason"] = .string("error")
                            m["error"] = J.object(["type": .string("connection"), "message": .string("Could not reach the model service.")])
                            ids += [mid, "?"]
                        } else {
                            m["finished_reason"] = .string("completed")
                            m["error"] = .null
                            ids.append(mid)
                        }
                    }
                    // Members in the order the service writes them.
                    let order = ["role", "name", "finished_reason", "error", "usage", "content"]
                    var members = [JSONMember("id", .string(mid))]
                    members += order.prefix(2).map { JSONMember($0, m[$0] ?? .null) }
                    members += [
                        JSONMember("metadata", J.object([:])), JSONMember("structured_output", .null),
                        JSONMember("created_at", .string(ISOTime.zoneless(t))), JSONMember("finished_at", .string(ISOTime.zoneless(t + 900))),
                    ]
                    members += order.dropFirst(2).map { JSONMember($0, m[$0] ?? .null) }
                    records.append(.object(members))
                }
                let running = status == "running"
                let listing = J.object([
                    "session": J.object([
                        "id": .string(sid), "user_id": .string(userID), "agent_id": .string(agentID), "origin": J.object(["type": .string("user")]), "team_id": .null,
                        "created_at": .string(ISOTime.zoneless(time(session: n, event: 0) - 2_000)), "updated_at": .string(ISOTime.zoneless(time(session: n, event: count))),
                        "config": J.object([
                            "workspace_id": .string(rng.hex(32)), "name": .string("Quarterly report \(n)"), "naming": J.object(["auto": .bool(false)]), "cwd": .null,
                            "chat_model_config": J.object(["type": .string("openai"), "credential_id": .string(rng.hex(32)), "model": .string("gpt-4.1"), "model_class": .string(""), "parameters": J.object([:])]),
                            "fallback_chat_model_config": .null, "tts_model_config": .null, "realtime_model_config": .null, "knowledge_config": .null,
                        ]),
                        "state": J.object([
                            "session_id": .string(sid), "summary": .string(""), "context": .array([]),
                            "reply_context": J.object(["reply_id": .string(rng.hex(32)), "cur_iter": J.int(0)]),
                            "permission_context": J.object([:]), "tool_context": J.object([:]), "tasks_context": J.object(["tasks": .array([])]), "middle_context": J.object([:]),
                        ]),
                    ]),
                    "is_running": .bool(running), "status": .string(status), "team": .null,
                ])
                let truth = SessionTruth(id: sid, agentID: agentID, eventIDs: ids, artifacts: artifacts, usage: usage, running: running)
                sessions.append(DatasetSession(id: sid, agentID: agentID, listing: listing, records: records, running: running, truth: truth))
            }
        }
        // The service lists sessions newest `created_at` first.
        sessions.reverse()
        return PlatformDataset(platform: .agentscope, seed: seed, sizes: sizes, token: userID, agents: agents, sessions: sessions)
    }
}
