import ChronicleCore
import ChronicleHTMLSafety
import ChronicleJSON
import ChronicleMarkdown
import Foundation

/// Turns the model into the contexts the transcript templates render (before
/// ``ViewPreparer`` redacts and cleans them).
struct TranscriptView {
    /// Texts longer than this are collapsed, with their size shown.
    static let longText = 16 * 1024
    static let longJSON = 64 * 1024

    let options: RenderOptions
    let artifacts: ArtifactPresenter

    func event(_ event: Event, preparer: inout ViewPreparer) -> [String: Any] {
        var view: [String: Any] = [
            "eventIndex": event.index,
            "eventKind": event.kind.rawValue,
            "speaker": event.speaker ?? Self.label(event.kind),
            "platformType": event.platformType,
            "hiddenEvent": event.hidden,
            "hiddenReason": event.hiddenReason ?? "by the platform",
            "unknownEvent": event.kind == .unknown,
            "blocks": event.blocks.map { block($0, preparer: &preparer) },
        ]
        if let t = event.createdAt { view["time"] = time(t) }
        if let model = event.model { view["model"] = model }
        if let u = event.usage, !u.isUnknown { view["tokens"] = Self.tokens(u) }
        return view
    }

    func time(_ t: Timestamp) -> [String: Any] {
        DisplayFormat.time(t, zone: options.timeZone, showZone: options.showsLocalZone)
    }

    static func tokens(_ u: Usage) -> String {
        var parts: [String] = []
        if let v = u.inputTokens { parts.append("in \(DisplayFormat.grouped(v))") }
        if let v = u.outputTokens { parts.append("out \(DisplayFormat.grouped(v))") }
        if let v = u.cacheReadTokens { parts.append("cache read \(DisplayFormat.grouped(v))") }
        if let v = u.cacheWriteTokens { parts.append("cache write \(DisplayFormat.grouped(v))") }
        return "tokens " + parts.joined(separator: " · ")
    }

    func block(_ block: ContentBlock, preparer: inout ViewPreparer) -> [String: Any] {
        var view: [String: Any] = [
            "isText": false, "isThinking": false, "isToolCall": false, "isToolResult": false, "isArtifact": false,
            "isJSON": false, "isRaw": false, "long": false, "markdown": false, "hasName": false, "hasCallID": false, "isError": false,
        ]
        // Tool output can be long: collapsed inside <details> anyway, with its size in the summary.
        switch block {
        case .text(let text, let markdown):
            view["isText"] = true
            view["long"] = text.utf8.count > Self.longText
            view["size"] = Self.size(text)
            if markdown {
                view["markdown"] = true
                view["html"] = Self.markdown(preparer.redact(text))
            } else {
                view["text"] = text
            }
        case .thinking(let text):
            view["isThinking"] = true
            view["text"] = text
            view["size"] = Self.size(text)
        case .toolCall(let id, let name, let input):
            let json = PrettyJSON.string(input)
            view["isToolCall"] = true
            view["name"] = name
            view["hasCallID"] = id != nil
            view["callID"] = id ?? ""
            view["json"] = json
            view["size"] = Self.size(json)
        case .toolResult(let id, let name, let output, let isError):
            let json = Self.display(output)
            view["isToolResult"] = true
            view["hasName"] = name != nil
            view["name"] = name ?? ""
            view["hasCallID"] = id != nil
            view["callID"] = id ?? ""
            view["isError"] = isError == true
            view["json"] = json
            view["size"] = Self.size(json)
        case .artifact(let ref):
            view["isArtifact"] = true
            view["artifact"] = artifacts.view(ref, inSection: false)
        case .json(let value):
            let json = PrettyJSON.string(value)
            view["isJSON"] = true
            view["json"] = json
            view["size"] = Self.size(json)
            view["long"] = json.utf8.count > Self.longJSON
        case .rawText(let text):
            view["isRaw"] = true
            view["text"] = text
            view["size"] = Self.size(text)
            view["long"] = text.utf8.count > Self.longText
        }
        return view
    }

    /// The size of a text as shown in a block's summary.
    static func size(_ s: String) -> String { DisplayFormat.bytes(Int64(s.utf8.count)) }

    /// A tool's output: a JSON string is shown as its text (keeping its line breaks), anything
    /// else pretty-printed.
    static func display(_ value: JSONValue) -> String {
        guard case .string(let s) = value else { return PrettyJSON.string(value) }
        // A string that holds a JSON object or array (as many tools return) is pretty-printed too.
        if let first = s.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }), first == 0x7B || first == 0x5B,
            let parsed = try? JSONParser.parse(Array(s.utf8))
        {
            return PrettyJSON.string(parsed)
        }
        return s
    }

    /// Markdown (already redacted) → cmark-gfm in safe mode → the sanitizer's allowlist.
    static func markdown(_ text: String) -> TrustedHTML {
        TrustedHTML(html: MarkdownRenderer.safeHTML(text))
    }

    static func label(_ k: EventKind) -> String {
        switch k {
        case .userMessage: return "User"
        case .assistantMessage: return "Assistant"
        case .systemMessage: return "System"
        case .thinking: return "Thinking"
        case .toolCall: return "Tool call"
        case .toolResult: return "Tool result"
        case .artifact: return "Artifact"
        case .status: return "Status"
        case .error: return "Error"
        case .unknown: return "Unknown event"
        }
    }
}
