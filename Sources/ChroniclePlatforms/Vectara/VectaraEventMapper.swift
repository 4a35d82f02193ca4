import ChronicleCore
import ChronicleJSON

/// Maps one Vectara event record onto Chronicle's ``Event``, following the SDK's `AgentEvent`
/// union (`vectara` 0.4.3, `vectara/types/agent_event.py`): 14 types, each shown as what it is;
/// any other `type` is kept, shown as raw JSON and counted as unknown.
enum VectaraEventMapper {
    /// The event types the SDK declares.
    static let knownTypes: Set<String> = [
        "input_message", "skill_load", "artifact_upload", "tool_input", "tool_output", "thinking", "agent_output",
        "structured_output", "context_limit_exceeded", "step_transition_limit_exceeded", "session_interrupted",
        "image_read", "step_transition", "compaction",
    ]

    static func item(for record: RawRecord, sessionID: String, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [unreadable(record)])
        }
        do {
            return SessionItem(record: record, events: [try event(reader)])
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: try? reader.optionalString("id") ?? nil, index: 0, kind: .unknown, platformType: (try? reader.optionalString("type") ?? nil) ?? "unknown")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? reader.optionalTimestamp("created_at")) ?? nil
            if let reason = (try? reader.optionalString("hide_reason")) ?? nil {
                fallback.hidden = true
                fallback.hiddenReason = reason
            }
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func unreadable(_ record: RawRecord) -> Event {
        Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])
    }

    static func event(_ r: RecordReader) throws(RecordError) -> Event {
        let type = try r.requiredString("type")
        var e = Event(id: try r.requiredString("id"), index: 0, kind: .unknown, platformType: type)
        e.createdAt = try r.optionalTimestamp("created_at")
        // Not declared by any SDK model (they allow extras): the platform's marker on events
        // listed with include_hidden=true ("manual" for POST …/hide).
        if let reason = try r.optionalString("hide_reason") {
            e.hidden = true
            e.hiddenReason = reason
        }
        switch type {
        case "input_message":
            e.kind = .userMessage
            e.speaker = "user"
            guard let messages = try r.optionalArray("messages") else { throw r.error("messages", "is missing") }
            for message in messages {
                switch message["type"]?.stringValue {
                case "text":
                    if let text = message["content"]?.stringValue {
                        e.blocks.append(.text(text, markdown: true))
                        continue
                    }
                case "skill":
                    if let name = message["skill_name"]?.stringValue {
                        e.blocks.append(.text("Asks for the skill \u{201C}\(name)\u{201D}", markdown: false))
                        continue
                    }
                default:
                    break
                }
                e.blocks.append(.json(message))
            }
        case "skill_load":
            e.kind = .systemMessage
            e.speaker = "system"
            e.blocks = [
                .text("Skill \u{201C}\(try r.requiredString("skill_name"))\u{201D} loaded", markdown: false),
                .text(try r.requiredString("content"), markdown: true),
            ]
        case "artifact_upload":
            e.kind = .artifact
            e.speaker = "user"
            guard let artifacts = try r.optionalArray("artifacts") else { throw r.error("artifacts", "is missing") }
            for (i, item) in artifacts.enumerated() {
                guard item.objectMembers != nil else { throw r.error("artifacts[\(i)]", "should be an object, found \(item.typeName)") }
                let a = RecordReader(item, kind: r.kind, sessionID: r.sessionID)
                let id: String
                do { id = try a.requiredString("artifact_id") } catch { throw r.error("artifacts[\(i)].artifact_id", error.message) }
                e.blocks.append(.artifact(ArtifactReference(
                    artifactID: id, name: try a.optionalString("filename"), mediaType: try a.optionalString("mime_type"),
                    size: try a.optionalInt("size_bytes"), state: .notFetched
                )))
            }
        case "tool_input":
            e.kind = .toolCall
            e.speaker = "assistant"
            let name = try r.requiredString("tool_name")
            e.blocks = [.toolCall(id: try r.requiredString("tool_call_id"), name: name, input: try object(r, "tool_input"))]
            if let configuration = try r.optionalString("tool_configuration_name"), configuration != name {
                e.blocks.append(.text("Tool configuration \u{201C}\(configuration)\u{201D}", markdown: false))
            }
        case "tool_output":
            e.kind = .toolResult
            let name = try r.requiredString("tool_name")
            e.speaker = name
            e.blocks = [.toolResult(id: try r.requiredString("tool_call_id"), name: name, output: try object(r, "tool_output"), isError: try r.optionalBool("error"))]
            if let configuration = try r.optionalString("tool_configuration_name"), configuration != name {
                e.blocks.append(.text("Tool configuration \u{201C}\(configuration)\u{201D}", markdown: false))
            }
        case "thinking":
            e.kind = .thinking
            e.speaker = "assistant"
            e.blocks = [.thinking(try r.optionalString("content") ?? "")]
        case "agent_output":
            e.kind = .assistantMessage
            e.speaker = "assistant"
            e.blocks = [.text(try r.requiredString("content"), markdown: true)]
        case "structured_output":
            e.kind = .assistantMessage
            e.speaker = "assistant"
            e.blocks = [
                .text("Structured output, schema \u{201C}\(try r.requiredString("schema_name"))\u{201D}", markdown: false),
                .json(r.value["content"] ?? .null),
            ]
        case "context_limit_exceeded":
            e.kind = .error
            var text = "Context limit exceeded: " + (try r.requiredString("message"))
            let actual = try r.optionalInt("actual_tokens")
            let limit = try r.optionalInt("context_limit")
            if actual != nil || limit != nil {
                text += " (" + [actual.map { "\($0) tokens" }, limit.map { "limit \($0)" }].compactMap { $0 }.joined(separator: ", ") + ")"
            }
            e.blocks = [.text(text, markdown: false)]
        case "step_transition_limit_exceeded":
            e.kind = .error
            var text = "Step transition limit exceeded: " + (try r.requiredString("message"))
            if let limit = try r.optionalInt("transition_limit") { text += " (limit \(limit) transitions)" }
            e.blocks = [.text(text, markdown: false)]
        case "session_interrupted":
            e.kind = .status
            e.blocks = [.text("The session was interrupted.", markdown: false)]
        case "image_read":
            e.kind = .artifact
            e.speaker = "assistant"
            var text = "Reads the image"
            if let detail = try r.optionalString("detail") { text += " (detail: \(detail))" }
            e.blocks = [
                .text(text, markdown: false),
                .artifact(ArtifactReference(artifactID: try r.requiredString("artifact_id"), state: .notFetched)),
            ]
        case "step_transition":
            e.kind = .status
            e.blocks = [
                .text("Step \u{201C}\(try r.requiredString("from_step"))\u{201D} \u{2192} \u{201C}\(try r.requiredString("to_step"))\u{201D}", markdown: false),
                .text(try r.requiredString("content"), markdown: true),
            ]
        case "compaction":
            e.kind = .status
            let turns = try r.optionalInt("turns_compacted")
            let events = try r.optionalInt("events_compacted")
            guard let turns, let events else { throw r.error(turns == nil ? "turns_compacted" : "events_compacted", "is missing") }
            e.blocks = [.text("Compaction: \(turns) turns and \(events) events compacted into summary \u{201C}\(try r.requiredString("summary_key"))\u{201D}", markdown: false)]
            if let summary = try r.optionalString("summary_text") { e.blocks.append(.text(summary, markdown: true)) }
        default:
            e.kind = .unknown
            e.blocks = [.json(r.value)]
        }
        return e
    }

    /// A required JSON object member (`tool_input`, `tool_output`).
    static func object(_ r: RecordReader, _ key: String) throws(RecordError) -> JSONValue {
        guard let value = r.value[key] else { throw r.error(key, "is missing") }
        guard value.objectMembers != nil else { throw r.error(key, "should be an object, found \(value.typeName)") }
        return value
    }
}
