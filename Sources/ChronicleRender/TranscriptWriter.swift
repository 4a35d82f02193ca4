import ChronicleCore
import ChronicleHTMLSafety
import ChronicleJSON
import Foundation

/// Writes a session's `transcript.html`. Events are rendered one at a time into a body file as
/// they arrive; `finish` puts the header with the session's totals above them, so memory never
/// holds more than one event. Every text from data is escaped for its context.
public final class TranscriptWriter {
    private let path: String
    private let bodyPath: String
    private let body: FileHandle
    private var buffer = ""
    /// Relative path from the transcript to the bag's `data/`.
    private let dataPrefix: String

    public init(path: String, dataPrefix: String = "../../") throws {
        self.path = path
        self.bodyPath = path + ".body.partial"
        self.dataPrefix = dataPrefix
        guard FileManager.default.createFile(atPath: bodyPath, contents: nil), let handle = FileHandle(forWritingAtPath: bodyPath) else {
            throw RenderError(path: bodyPath, message: "cannot create the file")
        }
        body = handle
    }

    public func append(_ event: Event) throws {
        let kindClass = event.kind.rawValue + (event.hidden ? " hidden" : "")
        buffer += "<article class=\"event \(kindClass)\" id=\"e\(event.index)\">\n<div class=\"event-head\">"
        buffer += "<strong>\(esc(event.speaker ?? label(event.kind)))</strong>"
        buffer += "<span class=\"badge\">\(esc(event.platformType))</span>"
        if let t = event.createdAt {
            buffer += "<time datetime=\"\(HTMLSanitizer.escapeAttribute(t.utcString))\">\(esc(t.utcString))</time>"
        }
        if let model = event.model { buffer += "<span>\(esc(model))</span>" }
        if let u = event.usage, !u.isUnknown {
            buffer += "<span>tokens in \(n(u.inputTokens)) · out \(n(u.outputTokens))</span>"
        }
        if event.hidden { buffer += "<span class=\"badge warn\">hidden (\(esc(event.hiddenReason ?? "by the platform")))</span>" }
        if event.kind == .unknown { buffer += "<span class=\"badge warn\">unknown event type</span>" }
        buffer += "</div>\n"
        for block in event.blocks { render(block) }
        buffer += "</article>\n"
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    private func render(_ block: ContentBlock) {
        switch block {
        case .text(let text, _):
            buffer += "<div class=\"text\">\(esc(text))</div>\n"
        case .thinking(let text):
            buffer += "<details class=\"thinking\"><summary>Thinking (\(text.utf8.count) bytes)</summary><div class=\"text\">\(esc(text))</div></details>\n"
        case .toolCall(_, let name, let input):
            buffer += "<details class=\"tool-call\"><summary>Tool call: \(esc(name))</summary><pre><code>\(esc(PrettyJSON.string(input)))</code></pre></details>\n"
        case .toolResult(_, let name, let output, let isError):
            let pretty = PrettyJSON.string(output)
            let err = isError == true ? " <span class=\"badge bad\">error</span>" : ""
            buffer += "<details class=\"tool-result\"><summary>Tool result\(name.map { ": " + esc($0) } ?? "")\(err) (\(pretty.utf8.count) bytes)</summary><pre><code>\(esc(pretty))</code></pre></details>\n"
        case .artifact(let ref):
            buffer += "<p>Artifact: <a href=\"#\(Self.anchor(ref))\">\(esc(ref.name ?? ref.artifactID ?? "unnamed"))</a></p>\n"
        case .json(let value):
            buffer += "<details open class=\"raw\"><summary>Raw JSON</summary><pre><code>\(esc(PrettyJSON.string(value)))</code></pre></details>\n"
        case .rawText(let text):
            buffer += "<pre>\(esc(text))</pre>\n"
        }
    }

    /// Writes the final page: header with totals, the events, the artifacts section; removes the
    /// body file.
    public func finish(session: Session, source: SourceDescriptor, totals: SessionTotals, artifacts: [ArtifactReference], problems: [ExportProblem]) throws {
        try flush()
        try body.close()
        var head = HTMLPage.head(title: session.title ?? session.id)
        head += "<header>\n<nav><a href=\"\(dataPrefix)index.html\">All sessions of this run</a></nav>\n"
        head += "<h1>\(esc(session.title ?? "Session \(session.id)"))</h1>\n<dl class=\"meta\">\n"
        func row(_ k: String, _ v: String) { head += "<dt>\(k)</dt><dd>\(v)</dd>\n" }
        row("Platform", esc(source.platform.rawValue) + " (source " + esc(source.name) + ")")
        row("Agent", esc(session.agentName.map { "\($0) (\(session.agentID))" } ?? session.agentID))
        row("Session", "<code>\(esc(session.id))</code>")
        var status = esc(session.status ?? "—")
        if session.running { status += " <span class=\"badge warn\">running: snapshot</span>" }
        if session.possiblyTruncated { status += " <span class=\"badge warn\">possibly truncated</span>" }
        if problems.contains(where: \.makesRunPartial) { status += " <span class=\"badge bad\">partial</span>" }
        row("Status", status)
        row("Started", esc(totals.firstEvent?.utcString ?? session.createdAt?.utcString ?? "—"))
        row("Ended", esc(totals.lastEvent?.utcString ?? session.updatedAt?.utcString ?? "—"))
        if let d = totals.durationSeconds { row("Duration", "\(d) s") }
        row("Events", "\(totals.events) (\(totals.userMessages) user, \(totals.assistantMessages) assistant, \(totals.toolCalls) tool calls)")
        row("Tokens", totals.usageKnown ? "in \(n(totals.inputTokens)) · out \(n(totals.outputTokens)) · cache read \(n(totals.cacheReadTokens)) · cache write \(n(totals.cacheWriteTokens))" : "not reported by the platform")
        head += "</dl>\n"
        if !problems.isEmpty {
            head += "<section aria-labelledby=\"problems\"><h2 id=\"problems\">Problems</h2><ul>\n"
            for p in problems { head += "<li><span class=\"badge \(p.makesRunPartial ? "bad" : "warn")\">\(esc(p.kind.rawValue))</span> \(esc(p.message))</li>\n" }
            head += "</ul></section>\n"
        }
        head += "</header>\n<main>\n<h2>Events</h2>\n"
        var tail = "</main>\n"
        if !artifacts.isEmpty {
            tail += "<section aria-labelledby=\"artifacts\"><h2 id=\"artifacts\">Artifacts</h2>\n"
            for a in artifacts {
                tail += "<div class=\"artifact\" id=\"\(Self.anchor(a))\"><h3>\(esc(a.name ?? a.artifactID ?? "unnamed"))</h3>"
                tail += "<p>\(esc(a.mediaType ?? "unknown type")) · \(a.size.map { "\($0) bytes" } ?? "size unknown") · sha256 <code>\(esc(a.sha256 ?? "—"))</code> · \(esc(a.state.rawValue))</p>"
                if let p = a.storedPath {
                    let href = HTMLSanitizer.escapeAttribute(dataPrefix + p)
                    let isImage = (a.mediaType ?? "").hasPrefix("image/")
                    if isImage {
                        tail += "<p><img class=\"artifact\" src=\"\(href)\" alt=\"\(HTMLSanitizer.escapeAttribute(a.name ?? "image"))\"></p>"
                    }
                    let download = a.mediaType == "image/svg+xml" || !isImage ? " download" : ""
                    tail += "<p><a href=\"\(href)\"\(download)>Open the file</a></p>"
                } else if let problem = a.problem {
                    tail += "<p class=\"badge bad\">\(esc(problem))</p>"
                }
                tail += "</div>\n"
            }
            tail += "</section>\n"
        }
        tail += "<footer><p>Exported by Chronicle from \(esc(source.platform.rawValue)).</p></footer>\n" + HTMLPage.foot
        try assemble(head: head, tail: tail)
    }

    /// Removes the partial files (on failure).
    public func discard() {
        try? body.close()
        try? FileManager.default.removeItem(atPath: bodyPath)
        try? FileManager.default.removeItem(atPath: path)
    }

    private func assemble(head: String, tail: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(head.utf8)), let out = FileHandle(forWritingAtPath: path),
            let input = FileHandle(forReadingAtPath: bodyPath)
        else { throw RenderError(path: path, message: "cannot create the transcript") }
        defer { try? out.close(); try? input.close() }
        do {
            try out.seekToEnd()
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try out.write(contentsOf: Data(tail.utf8))
            try out.synchronize()
        } catch {
            throw RenderError(path: path, message: "writing failed: \(error)")
        }
        try? FileManager.default.removeItem(atPath: bodyPath)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try body.write(contentsOf: Data(buffer.utf8)) } catch { throw RenderError(path: bodyPath, message: "writing failed: \(error)") }
        buffer = ""
    }

    static func anchor(_ ref: ArtifactReference) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in (ref.artifactID ?? ref.sha256 ?? ref.name ?? "").utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return "artifact-" + String(h, radix: 16)
    }

    private func esc(_ s: String) -> String { HTMLSanitizer.escapeText(s) }
    private func n(_ v: Int64?) -> String { v.map(String.init) ?? "—" }
    private func label(_ k: EventKind) -> String { k.rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// A renderer failed to write a file.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "rendering \(path): \(message)" }
}
