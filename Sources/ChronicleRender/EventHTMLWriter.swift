import ChronicleCore
import ChronicleHTMLSafety
import ChronicleMarkdown

/// Renders one event straight to UTF-8 bytes, exactly as the embedded `event`, `block`,
/// `artifact` and `time` templates do through Mustache (a test renders both ways and compares
/// the bytes), without building a context of `Any` values per event.
///
/// The transcript writer uses it only while none of those four templates is overridden
/// (`TemplateSet.rendersEventsNatively`); a folder of templates always goes through Mustache.
///
/// Every text from data is redacted, cleaned and escaped like ``ViewPreparer`` and the
/// templates' `{{…}}` do it; the keys ``ViewPreparer/builtKeys`` names (Chronicle's own links,
/// anchors and machine values) are cleaned and escaped without redaction. Markdown arrives as
/// the sanitiser's output and is inserted as is, like `{{{html}}}`.
///
/// A class: the transcript writer holds one and uses it for every event, and a struct holding
/// the view was copied (each of its references retained and released) for each.
final class EventHTMLWriter {
    let view: TranscriptView

    init(view: TranscriptView) {
        self.view = view
    }

    /// Appends the HTML of `event` to `out`.
    func append(_ event: Event, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        let index = String(event.index)
        out.append(contentsOf: #"<article class="event "#.utf8)
        Self.built(event.kind.rawValue, to: &out)
        if event.hidden { out.append(contentsOf: " hidden".utf8) }
        out.append(contentsOf: #"" id="e"#.utf8)
        out.append(contentsOf: index.utf8)
        out.append(contentsOf: #"" aria-labelledby="e"#.utf8)
        out.append(contentsOf: index.utf8)
        out.append(contentsOf: "-h\">\n<div class=\"event-head\"><h3 id=\"e".utf8)
        out.append(contentsOf: index.utf8)
        out.append(contentsOf: #"-h">"#.utf8)
        Self.text(event.speaker ?? TranscriptView.label(event.kind), preparer: &preparer, to: &out)
        out.append(contentsOf: #"</h3> <span class="badge">"#.utf8)
        Self.text(event.platformType, preparer: &preparer, to: &out)
        out.append(contentsOf: "</span>".utf8)
        if let t = event.createdAt {
            out.append(0x20)
            appendTime(DisplayFormat.timeText(t, zone: view.options.timeZone, showZone: view.options.showsLocalZone), preparer: &preparer, to: &out)
        }
        if let model = event.model {
            out.append(contentsOf: " <span>model <code>".utf8)
            Self.text(model, preparer: &preparer, to: &out)
            out.append(contentsOf: "</code></span>".utf8)
        }
        if let u = event.usage, !u.isUnknown {
            out.append(contentsOf: " <span>".utf8)
            Self.text(TranscriptView.tokens(u), preparer: &preparer, to: &out)
            out.append(contentsOf: "</span>".utf8)
        }
        if event.hidden {
            out.append(contentsOf: #" <span class="badge warn">hidden: "#.utf8)
            Self.text(event.hiddenReason ?? "by the platform", preparer: &preparer, to: &out)
            out.append(contentsOf: "</span>".utf8)
        }
        if event.kind == .unknown {
            out.append(contentsOf: #" <span class="badge warn">unknown event type</span>"#.utf8)
        }
        out.append(contentsOf: "</div>\n".utf8)
        let system = event.kind == .systemMessage
        if system { out.append(contentsOf: "<details class=\"system\"><summary>System message</summary>\n".utf8) }
        for block in event.blocks {
            appendBlock(block, event: event.index, preparer: &preparer, to: &out)
            out.append(contentsOf: "\n\n".utf8)
        }
        if system { out.append(contentsOf: "</details>\n".utf8) }
        out.append(contentsOf: "</article>\n".utf8)
    }

    /// The `time` template.
    func appendTime(_ time: DisplayFormat.TimeText, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        out.append(contentsOf: #"<time datetime=""#.utf8)
        Self.built(time.utc, to: &out)
        out.append(contentsOf: #"">"#.utf8)
        Self.text(time.utcText, preparer: &preparer, to: &out)
        out.append(contentsOf: "</time>".utf8)
        if let local = time.local {
            out.append(contentsOf: #" <span class="local">("#.utf8)
            Self.text(local, preparer: &preparer, to: &out)
            out.append(contentsOf: ")</span>".utf8)
        }
        out.append(0x0A)
    }

    /// The `block` template.
    private func appendBlock(_ block: ContentBlock, event: Int, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        switch block {
        case .text(let text, let markdown):
            let long = text.utf8.count > TranscriptView.longText
            if long {
                out.append(contentsOf: #"<details class="long"><summary>Long message, "#.utf8)
                Self.text(TranscriptView.size(text), preparer: &preparer, to: &out)
                appendPreview(text, preparer: &preparer, to: &out)
            }
            if markdown {
                out.append(contentsOf: #"<div class="markdown">"#.utf8)
                MarkdownRenderer.appendSafeHTML(preparer.redact(text), to: &out)
                out.append(contentsOf: "</div>".utf8)
            } else {
                out.append(contentsOf: #"<div class="text">"#.utf8)
                Self.text(text, preparer: &preparer, to: &out)
                out.append(contentsOf: "</div>".utf8)
            }
            if long { out.append(contentsOf: "</details>".utf8) }
        case .thinking(let text):
            out.append(contentsOf: #"<details class="thinking"><summary>Thinking, "#.utf8)
            Self.text(TranscriptView.size(text), preparer: &preparer, to: &out)
            out.append(contentsOf: #"</summary><div class="text">"#.utf8)
            Self.text(text, preparer: &preparer, to: &out)
            out.append(contentsOf: "</div></details>".utf8)
        case .toolCall(let id, let name, let input):
            let json = PrettyJSON.string(input)
            preparer.toolCalls.record(id: id, name: name, event: event)
            out.append(contentsOf: #"<details class="tool tool-call" open><summary>Tool call <code>"#.utf8)
            Self.text(name, preparer: &preparer, to: &out)
            out.append(contentsOf: "</code>".utf8)
            appendCallID(id, preparer: &preparer, to: &out)
            appendCode(json, preparer: &preparer, to: &out)
        case .toolResult(let id, let name, let output, let isError):
            let json = TranscriptView.display(output)
            let call = preparer.toolCalls.call(id: id)
            out.append(contentsOf: #"<details class="tool tool-result"#.utf8)
            if isError == true { out.append(contentsOf: " failed".utf8) }
            out.append(0x22)
            if TranscriptView.isShort(json) { out.append(contentsOf: " open".utf8) }
            out.append(contentsOf: "><summary>Tool result".utf8)
            if let name = name ?? call?.name {
                out.append(contentsOf: " <code>".utf8)
                Self.text(name, preparer: &preparer, to: &out)
                out.append(contentsOf: "</code>".utf8)
            }
            appendCallID(id, preparer: &preparer, to: &out)
            if isError == true { out.append(contentsOf: #" <span class="badge bad">error</span>"#.utf8) }
            appendCode(json, pairedWith: call?.event, preparer: &preparer, to: &out)
        case .artifact(let ref):
            appendArtifact(view.artifacts.view(ref, inSection: false), preparer: &preparer, to: &out)
        case .json(let value):
            let json = PrettyJSON.string(value)
            out.append(contentsOf: #"<details class="raw"><summary>Raw JSON"#.utf8)
            appendCode(json, preparer: &preparer, to: &out)
        case .rawText(let text):
            let long = text.utf8.count > TranscriptView.longText
            if long {
                out.append(contentsOf: #"<details class="long"><summary>Raw text, "#.utf8)
                Self.text(TranscriptView.size(text), preparer: &preparer, to: &out)
                appendPreview(text, preparer: &preparer, to: &out)
            }
            out.append(contentsOf: "<pre>".utf8)
            Self.text(text, preparer: &preparer, to: &out)
            out.append(contentsOf: "</pre>".utf8)
            if long { out.append(contentsOf: "</details>".utf8) }
        }
    }

    /// ` <span class="muted">id</span>` when the call has an id.
    private func appendCallID(_ id: String?, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        guard let id else { return }
        out.append(contentsOf: #" <span class="muted">"#.utf8)
        Self.text(id, preparer: &preparer, to: &out)
        out.append(contentsOf: "</span>".utf8)
    }

    /// `<span class="preview">first lines</span></summary>`: the end of a long text's summary.
    private func appendPreview(_ text: String, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        out.append(contentsOf: #"<span class="preview">"#.utf8)
        Self.text(TranscriptView.preview(text, redactor: preparer.redactor), preparer: &preparer, to: &out)
        out.append(contentsOf: "</span></summary>".utf8)
    }

    /// `, <size></summary><pre><code>json</code></pre></details>`: the end of a tool or JSON
    /// block; a result answering a call of the page says which.
    private func appendCode(_ json: String, pairedWith call: Int? = nil, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        out.append(contentsOf: ", ".utf8)
        Self.text(TranscriptView.size(json), preparer: &preparer, to: &out)
        out.append(contentsOf: "</summary>".utf8)
        if let call {
            out.append(contentsOf: ##"<p class="pair">The result of the call in <a href="#e"##.utf8)
            out.append(contentsOf: String(call).utf8)
            out.append(contentsOf: #"">event "#.utf8)
            out.append(contentsOf: String(call).utf8)
            out.append(contentsOf: "</a>.</p>".utf8)
        }
        out.append(contentsOf: "<pre><code>".utf8)
        Self.text(json, preparer: &preparer, to: &out)
        out.append(contentsOf: "</code></pre></details>".utf8)
    }

    /// The `artifact` template over the presenter's view (artifacts are few; the view is shared
    /// with the page's Artifacts section, which the templates render).
    func appendArtifact(_ artifact: [String: Any], preparer: inout ViewPreparer, to out: inout [UInt8]) {
        func value(_ key: String) -> String? { artifact[key] as? String }
        func emit(_ key: String) {
            guard let s = value(key) else { return }
            if ViewPreparer.builtKeys.contains(key) { Self.built(s, to: &out) } else { Self.text(s, preparer: &preparer, to: &out) }
        }
        out.append(contentsOf: #"<figure class="artifact""#.utf8)
        if value("anchor") != nil {
            out.append(contentsOf: #" id=""#.utf8)
            emit("anchor")
            out.append(0x22)
        }
        out.append(0x3E)
        if value("src") != nil {
            out.append(contentsOf: #"<img src=""#.utf8)
            emit("src")
            out.append(contentsOf: #"" alt=""#.utf8)
            emit("label")
            out.append(contentsOf: #"">"#.utf8)
        }
        if value("textContent") != nil {
            out.append(contentsOf: #"<pre class="artifact-text">"#.utf8)
            emit("textContent")
            out.append(contentsOf: "</pre>".utf8)
        }
        out.append(contentsOf: "<figcaption>".utf8)
        if value("href") != nil {
            out.append(contentsOf: #"<a href=""#.utf8)
            emit("href")
            out.append(0x22)
            if artifact["download"] as? Bool == true { out.append(contentsOf: " download".utf8) }
            out.append(0x3E)
            emit("label")
            out.append(contentsOf: "</a>".utf8)
        } else {
            emit("label")
        }
        for (key, prefix, suffix) in [
            ("mediaType", " · ", ""), ("sizeText", " · ", ""), ("sha256", " · sha256 <code>", "</code>"),
            ("hint", #" <span class="muted">"#, "</span>"), ("note", #" <span class="badge warn">"#, "</span>"),
            ("problem", #" <span class="badge bad">"#, "</span>"),
        ] where value(key) != nil {
            out.append(contentsOf: prefix.utf8)
            emit(key)
            out.append(contentsOf: suffix.utf8)
        }
        out.append(contentsOf: "</figcaption></figure>\n".utf8)
    }

    /// Text from data: redacted, cleaned and escaped.
    static func text(_ s: String, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        HTMLSanitizer.appendEscapedAttribute(preparer.redact(s), to: &out)
    }

    /// A value Chronicle built (not redacted): cleaned and escaped.
    static func built(_ s: String, to out: inout [UInt8]) {
        HTMLSanitizer.appendEscapedAttribute(s, to: &out)
    }
}
