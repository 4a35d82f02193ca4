import ChronicleJSON
import Crypto

extension PlatformDataset {
    /// The event type of a later API version, which no SDK model declares: the unknown path.
    public static let vectaraFutureEventType = "citation_added"

    /// Vectara in the shapes of its SDK (`vectara` 0.4.3): agents with their required model,
    /// first step and tool configurations; sessions without `updated_at`, most with
    /// `session_context_usage`; every session holds all 14 SDK event types (parallel tool calls
    /// answered out of order, one failed; a hidden event, listed only with `include_hidden=true`;
    /// one event of a type no SDK declares), an `artifact_upload` naming all but the last
    /// artifact (a tool made that one) and an `image_read` of the PNG. Artifacts are listed
    /// without content or checksum and fetched singly as base64 with line breaks. No usage.
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
                "key": .string(key), "name": .string(name), "description": .string("Agent \(a)"),
                "tool_configurations": J.object(["orders_lookup": J.object(["type": .string("dynamic_vectara"), "tool_id": .string("tol_orders")])]),
                "model": J.object(["name": .string("gpt-4o"), "parameters": J.object([:])]),
                "first_step": J.object([
                    "name": .string("intake"),
                    "instructions": .array([J.object(["type": .string("inline"), "name": .string("intake"), "template": .string("Help with orders.")])]),
                    "output_parser": J.object(["type": .string("default")]),
                ]),
                "first_step_name": .string("intake"), "metadata": J.object([:]), "enabled": .bool(true),
                "created_at": .string(ISOTime.millis(epoch - 86_400_000)), "updated_at": .string(ISOTime.millis(epoch - 86_400_000)),
            ])))
            for _ in 0..<sizes.sessionsPerAgent {
                n += 1
                let skey = "ase_\(n)" + rng.hex(6)
                let count = sizes.eventsPerSession + rng.int(0...2)
                let artifacts = Self.artifacts(&rng, sizes: sizes, session: n, idPrefix: "art_", otherType: ("receipt.pdf", "application/pdf", "%PDF-1.7\n"))
                var records: [JSONValue] = []
                var ids: [String] = []
                func event(_ type: String, _ extra: KeyValuePairs<String, JSONValue>) {
                    let i = records.count
                    let id = "aev_\(n)_\(String(format3: i))"
                    ids.append(id)
                    var members = [JSONMember("id", .string(id)), JSONMember("type", .string(type)), JSONMember("session_key", .string(skey)), JSONMember("created_at", .string(ISOTime.millis(time(session: n, event: i))))]
                    members += extra.map { JSONMember($0.key, $0.value) }
                    records.append(.object(members))
                }
                func reference(_ artifact: DatasetArtifact) -> JSONValue {
                    J.object([
                        "artifact_id": .string(artifact.id), "filename": .string(artifact.filename), "mime_type": .string(artifact.mediaType),
                        "size_bytes": J.int(artifact.bytes.count),
                    ])
                }
                let order = String(1100 + n)
                let lookup = JSONValue.string("orders_lookup")
                let question = "Where is order \(order)? " + sentence(&rng)
                event("input_message", ["messages": .array([
                    J.object(["type": .string("text"), "content": .string(question)]),
                    J.object(["type": .string("skill"), "skill_name": .string("refunds")]),
                ])])
                event("skill_load", ["skill_name": .string("refunds"), "content": .string("# Refunds\nCheck the order, then " + sentence(&rng, 4))])
                event("thinking", ["content": .string(sentence(&rng, 4)), "hide_reason": .string("manual")])
                event("tool_input", ["tool_call_id": .string("call_\(n)_a"), "tool_configuration_name": lookup, "tool_name": lookup, "tool_input": J.object(["order": .string(order)])])
                event("tool_input", ["tool_call_id": .string("call_\(n)_b"), "tool_configuration_name": lookup, "tool_name": lookup, "tool_input": J.object(["order": .string(order), "history": .bool(true)])])
                event("tool_output", ["tool_call_id": .string("call_\(n)_b"), "tool_configuration_name": lookup, "tool_name": lookup, "tool_output": J.object(["events": .array([.string("shipped")])]), "error": .bool(false)])
                event("tool_output", ["tool_call_id": .string("call_\(n)_a"), "tool_configuration_name": lookup, "tool_name": lookup, "tool_output": J.object(n % 2 == 1 ? ["message": .string("upstream timeout")] : ["status": .string("refunded")]), "error": .bool(n % 2 == 1)])
                let uploaded = artifacts.count > 1 ? Array(artifacts.dropLast()) : artifacts
                if !uploaded.isEmpty { event("artifact_upload", ["artifacts": .array(uploaded.map(reference))]) }
                if let image = artifacts.first(where: { $0.mediaType.hasPrefix("image/") }) {
                    event("image_read", ["artifact_id": .string(image.id), "detail": .string("high")])
                }
                event("step_transition", ["from_step": .string("intake"), "to_step": .string("resolution"), "content": .string("Hand-off: " + sentence(&rng, 5))])
                event("thinking", [:])
                event("agent_output", ["content": .string("Order **\(order)**: " + sentence(&rng, 10))])
                event("structured_output", ["schema_name": .string("order_status"), "content": J.object(["order": .string(order), "status": .string("refunded"), "amount": .number("19.90")])])
                event("compaction", ["turns_compacted": J.int(2), "events_compacted": J.int(7), "summary_key": .string("sum_\(n)"), "summary_text": .string("The customer asked about order \(order).")])
                event("context_limit_exceeded", ["message": .string("The conversation exceeds the model's context window."), "context_limit": J.int(128_000), "actual_tokens": J.int(131_072)])
                event("step_transition_limit_exceeded", ["message": .string("Too many step transitions."), "transition_limit": J.int(10)])
                event("session_interrupted", [:])
                event(vectaraFutureEventType, ["citation": J.object(["url": .string("https://example.com/orders/\(order)")])])
                while records.count < count {
                    switch records.count % 3 {
                    case 0: event("input_message", ["messages": .array([J.object(["type": .string("text"), "content": .string(sentence(&rng))])])])
                    case 1: event("thinking", ["content": .string(sentence(&rng, 5))])
                    default: event("agent_output", ["content": .string(sentence(&rng, 10))])
                    }
                }
                var listing: [JSONMember] = [
                    .init("key", .string(skey)), .init("agent_key", .string(key)), .init("name", .string("Order \(order)")), .init("description", .null),
                    .init("metadata", J.object(["customer": .string("c_\(90 + n)")])), .init("current_step_name", .string("resolution")), .init("enabled", .bool(true)),
                    .init("tti_minutes", J.int(1440)), .init("created_at", .string(ISOTime.millis(time(session: n, event: 0)))),
                    .init("effective_compaction", J.object(["enabled": .bool(true), "threshold_percent": J.int(80), "keep_recent_inputs": J.int(2), "tool_event_policy": .string("include_outputs")])),
                ]
                // The last session has no context usage: unknown, never zero.
                if n % (sizes.agents * sizes.sessionsPerAgent) != 0 {
                    listing.append(.init("session_context_usage", vectaraContextUsage(input: 20_000 + Int64(n) * 1_000, output: 800 + Int64(n) * 10, reasoning: 120)))
                }
                let truth = SessionTruth(id: skey, agentID: key, eventIDs: ids, artifacts: artifacts.map(\.truth), usage: UsageTruth(), running: false)
                sessions.append(DatasetSession(id: skey, agentID: key, listing: .object(listing), records: records, artifacts: artifacts, truth: truth))
            }
        }
        return PlatformDataset(platform: .vectara, seed: seed, sizes: sizes, token: token, agents: agents, sessions: sessions)
    }

    /// A session's `session_context_usage`: context-window use against `model_context_window`.
    public static func vectaraContextUsage(input: Int64, output: Int64, reasoning: Int64) -> JSONValue {
        JSONBuilder.object([
            "input_tokens": JSONBuilder.object(["count": .number(String(input))]),
            "output_tokens": JSONBuilder.object(["count": .number(String(output)), "reasoning_tokens": .number(String(reasoning))]),
            "total_tokens": .number(String(input + output)), "model_context_window": .number("128000"),
        ])
    }

    /// The OAuth client id the Vectara player's token endpoint accepts.
    public var vectaraClientID: String { "vci_" + String(token.suffix(12)) }

    /// The OAuth client secret the Vectara player's token endpoint accepts.
    public var vectaraClientSecret: String {
        "vcs_" + SHA256.hash(data: Array(("client-secret:" + token).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
