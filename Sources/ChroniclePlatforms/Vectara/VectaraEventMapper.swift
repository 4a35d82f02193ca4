import ChronicleCore
import ChronicleJSON

/// Maps one Vectara event record onto Chronicle's ``Event``.
enum VectaraEventMapper {
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
        if let reason = try r.optionalString("hide_reason") {
            e.hidden = true
            e.hiddenReason = reason
        }
        switch type {
        case "input_message":
            e.kind = .userMessage
            e.speaker = "user"
            for message in try r.optionalArray("messages") ?? [] {
                if message["type"]?.stringValue == "text", let text = message["content"]?.stringValue {
                    e.blocks.append(.text(text, markdown: true))
                } else {
                    e.blocks.append(.json(message))
                }
            }
        case "thinking":
            e.kind = .thinking
            e.speaker = "assistant"
            e.blocks = [.thinking(try r.optionalString("content") ?? "")]
        case "tool_input":
            e.kind = .toolCall
            e.speaker = "assistant"
            e.blocks = [.toolCall(id: nil, name: try r.requiredString("tool_name"), input: r.value["parameters"] ?? .null)]
        case "tool_output":
            e.kind = .toolResult
            e.speaker = try r.optionalString("tool_name")
            e.blocks = [.toolResult(id: nil, name: try r.optionalString("tool_name"), output: r.value["result"] ?? .null, isError: nil)]
        case "agent_output":
            e.kind = .assistantMessage
            e.speaker = "assistant"
            e.blocks = [.text(try r.optionalString("content") ?? "", markdown: true)]
        case "artifact_upload":
            e.kind = .artifact
            e.speaker = "user"
            e.blocks = [.artifact(ArtifactReference(artifactID: try r.optionalString("artifact_id"), name: try r.optionalString("filename"), state: .notFetched))]
        case "context_limit_exceeded":
            e.kind = .status
            e.blocks = [.text("The context limit was exceeded.", markdown: false)]
        default:
            e.kind = .unknown
            e.blocks = [.json(r.value)]
        }
        return e
    }
}
