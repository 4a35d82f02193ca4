import ChronicleCore
import ChronicleHTMLSafety
import ChronicleJSON
import ChronicleMarkdown
import ChronicleRedact
import Foundation

/// Turns the model into the contexts the transcript templates render (before
/// ``ViewPreparer`` redacts and cleans them).
struct TranscriptView {
    /// Texts longer than this are collapsed, with their size shown.
    static let longText = 8 * 1024
    /// A tool result up to this size and ``shortResultLines`` lines is shown open.
    static let shortResult = 2 * 1024
    static let shortResultLines = 30
    /// A collapsed long text shows its first lines up to this many bytes as a preview.
    static let previewLines = 6
    static let previewBytes = 480

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
            "system": event.kind == .systemMessage,
            "blocks": event.blocks.map { block($0, event: event.index, preparer: &preparer) },
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

    func block(_ block: ContentBlock, event: Int, preparer: inout ViewPreparer) -> [String: Any] {
        var view: [String: Any] = [
            "isText": false, "isThinking": false, "isToolCall": false, "isToolResult": false, "isArtifact": false,
            "isJSON": false, "isRaw": false, "long": false, "markdown": false, "hasName": false, "hasCallID": false, "isError": false,
            "short": false, "paired": false,
        ]
        // Tool output can be long: collapsed inside <details> anyway, with its size in the summary.
        switch block {
        case .text(let text, let markdown):
            view["isText"] = true
            view["long"] = text.utf8.count > Self.longText
            view["size"] = Self.size(text)
            if text.utf8.count > Self.longText { view["preview"] = Self.preview(text, redactor: preparer.redactor) }
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
            preparer.toolCalls.record(id: id, name: name, event: event)
            view["name"] = name
            view["hasCallID"] = id != nil
            view["callID"] = id ?? ""
            view["json"] = json
            view["size"] = Self.size(json)
        case .toolResult(let id, let name, let output, let isError):
            let json = Self.display(output)
            let call = preparer.toolCalls.call(id: id)
            let shownName = name ?? call?.name
            view["isToolResult"] = true
            view["short"] = Self.isShort(json)
            if let call {
                view["paired"] = true
                view["callEvent"] = call.event
                view["callHref"] = "#e\(call.event)"
            }
            view["hasName"] = shownName != nil
            view["name"] = shownName ?? ""
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
        case .rawText(let text):
            view["isRaw"] = true
            view["text"] = text
            view["size"] = Self.size(text)
            if text.utf8.count > Self.longText { view["preview"] = Self.preview(text, redactor: preparer.redactor) }
            view["long"] = text.utf8.count > Self.longText
        }
        return view
    }

    /// Whether a tool result is short enough to be shown open.
    static func isShort(_ s: String) -> Bool {
        guard s.utf8.count <= shortResult else { return false }
        var lines = 1
        for b in s.utf8 where b == 0x0A {
            lines += 1
            if lines > shortResultLines { return false }
        }
        return true
    }

    /// The first lines of a long text, shown in its summary while it is collapsed: cut from
    /// the redacted text (a cut must not leave half a secret the rules no longer recognise),
    /// without counting the redactions again (the text itself counts them).
    static func preview(_ text: String, redactor: Redactor) -> String {
        preview(redactor.redact(text))
    }

    static func preview(_ s: String) -> String {
        var lines = 0
        var end = s.utf8.startIndex
        var bytes = 0
        for i in s.utf8.indices {
            bytes += 1
            if s.utf8[i] == 0x0A {
                lines += 1
                if lines >= previewLines { break }
            }
            if bytes > previewBytes { break }
            end = s.utf8.index(after: i)
        }
        // Back to a character boundary.
        while end > s.startIndex, String.Index(end, within: s) == nil { end = s.utf8.index(before: end) }
        return String(s[..<end]).trimmingCharacters(in: .newlines) + " …"
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
            // Indentation makes the text about half as long again.
            return PrettyJSON.string(parsed, reservingCapacity: s.utf8.count + s.utf8.count / 2 + 64)
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
