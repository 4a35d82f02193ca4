import ChronicleJSON
import Foundation

extension PlatformDataset {
    /// Guayaba: bare arrays, messages whose content is a string or blocks, base64 image and
    /// document blocks as artifacts, usage on some assistant messages, agent-scoped keys.
    static func guayaba(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x6775_6179)
        let master = "g_master_" + rng.hex(24)
        var agents: [DatasetAgent] = []
        var sessions: [DatasetSession] = []
        var n = 0
        for a in 0..<sizes.agents {
            let id = "agt_g\(a)_" + rng.hex(6)
            let name = "Guayaba agent \(a)"
            agents.append(DatasetAgent(id: id, name: name, record: J.object(["id": .string(id), "name": .string(name)]), agentKey: "g_agent_\(a)_" + rng.hex(20)))
            for s in 0..<sizes.sessionsPerAgent {
                n += 1
                let key = "agent:\(id):telegram:\(4400 + n)"
                let count = sizes.eventsPerSession + rng.int(0...2)
                let artifacts = Self.artifacts(&rng, sizes: sizes, session: n, idPrefix: "g", otherType: ("report.pdf", "application/pdf", "%PDF-1.7\n"))
                var records: [JSONValue] = []
                var ids: [String] = []
                var usage = UsageTruth()
                for i in 0..<count {
                    let mid = "m_\(n)_\(i)"
                    ids.append(mid)
                    let ts = J.int(time(session: n, event: i))
                    switch i % 4 {
                    case 0:
                        records.append(J.object(["id": .string(mid), "role": .string("user"), "content": .string(sentence(&rng)), "timestamp": ts]))
                    case 1:
                        var blocks: [JSONValue] = [
                            J.object(["type": .string("text"), "text": .string("Here is the **\(sentence(&rng, 3))**.")]),
                            J.object(["type": .string("tool_use"), "id": .string("tu_\(n)_\(i)"), "name": .string("read_file"), "input": J.object(["path": .string("report.pdf")])]),
                        ]
                        if i == 1 {
                            for artifact in artifacts {
                                let type = artifact.mediaType == "image/png" ? "image" : "document"
                                let source = J.object(["type": .string("base64"), "media_type": .string(artifact.mediaType), "data": .string(Data(artifact.bytes).base64EncodedString())])
                                blocks.append(type == "image" ? J.object(["type": .string("image"), "source": source]) : J.object(["type": .string("document"), "source": source, "title": .string(artifact.filename)]))
                            }
                        }
                        let input = Int64(rng.int(100...2000)), output = Int64(rng.int(10...400))
                        usage.add(input: input, output: output)
                        records.append(J.object([
                            "id": .string(mid), "role": .string("assistant"), "timestamp": ts, "content": .array(blocks),
                            "usage": J.object(["input_tokens": J.int(input), "output_tokens": J.int(output)]), "model": .string("claude-sonnet-4-6"),
                        ]))
                    case 2:
                        records.append(J.object([
                            "id": .string(mid), "role": .string("user"), "timestamp": ts,
                            "content": .array([J.object(["type": .string("tool_result"), "tool_use_id": .string("tu_\(n)_\(i - 1)"), "content": .string(sentence(&rng)), "is_error": .bool(false)])]),
                        ]))
                    default:
                        // Every other plain assistant message carries no usage: unknown, not zero.
                        if (i / 4) % 2 == 0 {
                            let input = Int64(rng.int(100...2000)), output = Int64(rng.int(10...400))
                            usage.add(input: input, output: output)
                            records.append(J.object(["id": .string(mid), "role": .string("assistant"), "content": .string(sentence(&rng, 12)), "timestamp": ts, "usage": J.object(["input_tokens": J.int(input), "output_tokens": J.int(output)]), "model": .string("claude-sonnet-4-6")]))
                        } else {
                            records.append(J.object(["id": .string(mid), "role": .string("assistant"), "content": .string(sentence(&rng, 12)), "timestamp": ts]))
                        }
                    }
                }
                let listing = J.object([
                    "key": .string(key), "sessionId": .string("5b0c7a0e-\(rng.hex(4))-\(rng.hex(4))-\(rng.hex(4))-\(rng.hex(12))"),
                    "sessionFile": .string("sessions/\(rng.hex(8)).jsonl"), "label": s == 0 ? .null : .string("Session \(n)"),
                    "updatedAt": J.int(time(session: n, event: count)), "chatType": .string("direct"), "lastChannel": .string("telegram"),
                    "origin": J.object(["channel": .string("telegram"), "user": .string(String(4400 + n))]),
                ])
                let truth = SessionTruth(id: key, agentID: id, eventIDs: ids, artifacts: artifacts.map(\.truth), usage: usage, running: false)
                sessions.append(DatasetSession(id: key, agentID: id, listing: listing, records: records, artifacts: artifacts, archived: s == sizes.sessionsPerAgent - 1 && s > 0, truth: truth))
            }
        }
        return PlatformDataset(platform: .guayaba, seed: seed, sizes: sizes, token: master, agents: agents, sessions: sessions)
    }
}
