import ChronicleCore
import ChronicleJSON

/// Maps one Guayaba history Message onto one Chronicle ``Event``: `role` gives the kind, `content`
/// (a string, or an array of blocks) gives the blocks, base64 `image`/`document` blocks become
/// stored artifacts, and `usage`/`model` (present on some assistant messages only) give the
/// request's usage, unknown when absent.
enum GuayabaMessageMapper {
    static func item(for record: RawRecord, sessionID: String, artifactsDirectory: String, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [unreadable(record)])
        }
        do {
            var artifacts: [ArtifactReference] = []
            let event = try event(reader, request: record.request, artifactsDirectory: artifactsDirectory, report: report, artifacts: &artifacts)
            return SessionItem(record: record, events: [event], artifacts: artifacts)
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: (try? reader.optionalString("id")) ?? nil, index: 0, kind: .unknown, platformType: "message")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? GuayabaSessionMapper.unixMilliseconds(reader, "timestamp")) ?? nil
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func unreadable(_ record: RawRecord) -> Event {
        Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])
    }

    static func event(
        _ r: RecordReader, request: String, artifactsDirectory: String, report: (ExportProblem) -> Void,
        artifacts: inout [ArtifactReference]
    ) throws(RecordError) -> Event {
        let role = try r.requiredString("role")
        let id = try r.optionalString("id")
        var e = Event(id: id, index: 0, kind: .unknown, platformType: role, speaker: role)
        e.createdAt = try GuayabaSessionMapper.unixMilliseconds(r, "timestamp")
        e.model = try r.optionalString("model")
        e.usage = try UsageReader.usage(of: r)
        if e.usage != nil { e.requestID = id }

        var blockTypes: [String] = []
        if let content = r.value["content"], !content.isNull {
            if let text = content.stringValue {
                e.blocks = [.text(text, markdown: true)]
                blockTypes = ["text"]
            } else if let blocks = content.arrayValue {
                for (index, block) in blocks.enumerated() {
                    let type = block["type"]?.stringValue ?? ""
                    blockTypes.append(type)
                    e.blocks.append(try contentBlock(
                        block, index: index, type: type, reader: r, messageID: id, request: request,
                        artifactsDirectory: artifactsDirectory, report: report, artifacts: &artifacts
                    ))
                }
            } else {
                throw r.error("content", "should be a string or an array of content blocks, found \(content.typeName)")
            }
        }

        switch role {
        case "user":
            e.kind = blockTypes.allSatisfy({ $0 == "tool_result" }) && !blockTypes.isEmpty ? .toolResult : .userMessage
        case "assistant":
            e.kind = blockTypes.allSatisfy({ $0 == "tool_use" }) && !blockTypes.isEmpty ? .toolCall : .assistantMessage
        case "system":
            e.kind = .systemMessage
        case "tool":
            e.kind = .toolResult
        default:
            e.kind = .unknown
            e.blocks.append(.json(r.value))
        }
        return e
    }

    /// One content block. Unknown block types are kept as JSON.
    static func contentBlock(
        _ block: JSONValue, index: Int, type: String, reader r: RecordReader, messageID: String?, request: String,
        artifactsDirectory: String, report: (ExportProblem) -> Void, artifacts: inout [ArtifactReference]
    ) throws(RecordError) -> ContentBlock {
        let field = "content[\(index)]"
        guard block.objectMembers != nil else {
            throw r.error(field, "should be a content block object, found \(block.typeName)")
        }
        switch type {
        case "text":
            guard let text = block["text"]?.stringValue else {
                throw r.error(field + ".text", "should be a string, found \(block["text"]?.typeName ?? "nothing")")
            }
            return .text(text, markdown: true)
        case "thinking":
            return .thinking(block["thinking"]?.stringValue ?? "")
        case "tool_use":
            guard let name = block["name"]?.stringValue else {
                throw r.error(field + ".name", "should be a string, found \(block["name"]?.typeName ?? "nothing")")
            }
            return .toolCall(id: block["id"]?.stringValue, name: name, input: block["input"] ?? .null)
        case "tool_result":
            let isError = block["is_error"]
            if let isError, !isError.isNull, isError.boolValue == nil {
                throw r.error(field + ".is_error", "should be true or false, found \(isError.typeName)")
            }
            return .toolResult(id: block["tool_use_id"]?.stringValue, name: nil, output: block["content"] ?? .null, isError: isError?.boolValue)
        case "image", "document":
            // Only inline base64 bytes are stored; a URL or file reference is kept as JSON.
            guard block["source"]?["type"]?.stringValue == "base64" else { return .json(block) }
            let reference = GuayabaInlineArtifact.store(
                block: block, blockIndex: index, messageID: messageID, sessionID: r.sessionID ?? "", request: request,
                artifactsDirectory: artifactsDirectory, report: report
            )
            artifacts.append(reference)
            return .artifact(reference)
        default:
            return .json(block)
        }
    }
}
