import ChronicleJSON

extension PlatformDataset {
    /// Vectara: page_key paging everywhere, typed events (one hidden by an operator, one of an
    /// unknown type), artifacts listed without content and fetched singly as base64 with
    /// line breaks, checked against `size_bytes` and `checksum_sha256`. No usage.
    static func vectara(seed: UInt64, sizes: DatasetSizes) -> PlatformDataset {
        typealias J = JSONBuilder
        var rng = SeededGenerator(seed: seed ^ 0x7665_6374)
        let token = "zqt_" + rng.hex(32)
        var agents: [DatasetAgent] = []
        var sessions: [DatasetSession] = []
        var n = 0
        for a in 0..<sizes.agents {
            let key = "agt_\(a)_" + rng.hex(6)
            let name = "Support \(a)"
            agents.append(DatasetAgent(id: key, name: name, record: J.object([
                "key": .string(key), "name": .string(name), "description": .string("Agent \(a)"), "created_at": .string(ISOTime.millis(epoch - 86_400_000)),
            ])))
            for _ in 0..<sizes.sessionsPerAgent {
                n += 1
                let skey = "ase_\(n)" + rng.hex(6)
                let count = sizes.eventsPerSession + rng.int(0...2)
                let artifacts = Self.artifacts(&rng, sizes: sizes, session: n, idPrefix: "art_", otherType: ("receipt.pdf", "application/pdf", "%PDF-1.7\n"))
                var records: [JSONValue] = []
                var ids: [String] = []
                func event(_ type: String, _ i: Int, _ extra: KeyValuePairs<String, JSONValue>) {
                    let id = "aev_\(n)_\(String(format3: records.count))"
                    ids.append(id)
                    var members = [JSONMember("id", .string(id)), JSONMember("type", .string(type)), JSONMember("session_key", .string(skey)), JSONMember("created_at", .string(ISOTime.millis(time(session: n, event: i))))]
                    members += extra.map { JSONMember($0.key, $0.value) }
                    records.append(.object(members))
                }
                for i in 0..<count {
                    if i == 2 {
                        event("thinking", i, ["content": .string(sentence(&rng, 4)), "hide_reason": .string("manual")])
                        continue
                    }
                    if i == count - 1 {
                        event("guardrail_check", i, ["verdict": .string("pass"), "score": .number("0.97")])
                        continue
                    }
                    switch i % 5 {
                    case 0: event("input_message", i, ["messages": .array([J.object(["type": .string("text"), "content": .string(sentence(&rng))])])])
                    case 1: event("thinking", i, ["content": .string(sentence(&rng, 5))])
                    case 2: event("tool_input", i, ["tool_name": .string("orders_lookup"), "parameters": J.object(["order": .string(String(1100 + i))])])
                    case 3: event("tool_output", i, ["tool_name": .string("orders_lookup"), "result": J.object(["status": .string("refunded")])])
                    default: event("agent_output", i, ["content": .string(sentence(&rng, 10))])
                    }
                    if i == 1 {
                        for artifact in artifacts {
                            event("artifact_upload", i, ["artifact_id": .string(artifact.id), "filename": .string(artifact.filename)])
                        }
                    }
                }
                let listing = J.object([
                    "key": .string(skey), "agent_key": .string(key), "name": .string("Order \(1100 + n)"), "description": .null,
                    "metadata": J.object(["customer": .string("c_\(90 + n)")]), "enabled": .bool(true), "tti_minutes": J.int(1440),
                    "created_at": .string(ISOTime.millis(time(session: n, event: 0))), "updated_at": .string(ISOTime.millis(time(session: n, event: count))),
                ])
                let truth = SessionTruth(id: skey, agentID: key, eventIDs: ids, artifacts: artifacts.map(\.truth), usage: UsageTruth(), running: false)
                sessions.append(DatasetSession(id: skey, agentID: key, listing: listing, records: records, artifacts: artifacts, truth: truth))
            }
        }
        return PlatformDataset(platform: .vectara, seed: seed, sizes: sizes, token: token, agents: agents, sessions: sessions)
    }
}
