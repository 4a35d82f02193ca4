import ChronicleBag
import ChronicleCore
import ChronicleHTMLSafety

/// A page listing sessions: a run's `data/index.html` or the cumulative `<out>/index.html`,
/// rendered with the `index` template: a table that reads without JavaScript, with a search box
/// and sortable columns added by an inline script the CSP allows by its hash.
public enum IndexPage {
    public static func render(
        title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions = .standard, upLink: String? = nil
    ) throws -> String {
        let showSource = Set(entries.map(\.source)).count > 1
        var preparer = ViewPreparer(redactor: options.redactor)
        let context = try pageContext(title: title, subtitle: subtitle, count: entries.count, rows: entries.map { row($0, options: options) }, showSource: showSource, options: options, upLink: upLink)
        return try options.templates.render("index", preparer.prepare(context))
    }

    /// Writes the page to `path` atomically, as ``render(title:subtitle:entries:options:upLink:)``
    /// would. While the `index` and `sessions-table` templates are the embedded ones, the rows
    /// are written one by one into the page rendered without them, so the page of a long history
    /// is never held whole; with templates of a folder, the page is rendered whole.
    /// - Returns: whether the rows were streamed.
    @discardableResult
    public static func write(
        to path: String, title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions = .standard, upLink: String? = nil
    ) throws -> Bool {
        func renderWhole() throws -> Bool {
            let page = try render(title: title, subtitle: subtitle, entries: entries, options: options, upLink: upLink)
            try AtomicFile.write(Array(page.utf8), to: path)
            return false
        }
        guard options.templates.rendersIndexRowsNatively else { return try renderWhole() }
        let showSource = Set(entries.map(\.source)).count > 1
        var preparer = ViewPreparer(redactor: options.redactor)
        let empty = try options.templates.render(
            "index", preparer.prepare(try pageContext(title: title, subtitle: subtitle, count: entries.count, rows: [], showSource: showSource, options: options, upLink: upLink))
        )
        let slot = "<tbody>\n</tbody>"
        guard let range = empty.range(of: slot), empty[range.upperBound...].range(of: slot) == nil else { return try renderWhole() }
        try AtomicFile.write(to: path) { emit in
            try emit(Array(empty[..<range.lowerBound].utf8) + Array("<tbody>\n".utf8))
            var out: [UInt8] = []
            for entry in entries {
                appendRow(row(entry, options: options), showSource: showSource, preparer: &preparer, to: &out)
                if out.count >= 1 << 16 {
                    try emit(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            try emit(out + Array("</tbody>".utf8) + Array(empty[range.upperBound...].utf8))
        }
        return true
    }

    /// One row of the embedded `sessions-table` template, from ``row(_:options:)``'s view, with
    /// the escaping and redaction ``ViewPreparer`` and `{{…}}` apply.
    static func appendRow(_ row: [String: Any], showSource: Bool, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        func emit(_ key: String) {
            let value: String
            switch row[key] {
            case let s as String: value = s
            case let n as Int: value = String(n)
            default: return
            }
            HTMLSanitizer.appendEscapedAttribute(ViewPreparer.builtKeys.contains(key) ? value : preparer.redact(value), to: &out)
        }
        out.append(contentsOf: #"<tr data-session=""#.utf8)
        emit("sessionID")
        out.append(contentsOf: #"" data-agent-id=""#.utf8)
        emit("agentID")
        out.append(contentsOf: #"" data-figures=""#.utf8)
        emit("figuresData")
        out.append(contentsOf: #"">"#.utf8)
        if showSource {
            out.append(contentsOf: "<td>".utf8)
            emit("source")
            out.append(contentsOf: "</td>".utf8)
        }
        out.append(contentsOf: "<td>".utf8)
        if row["link"] is String {
            out.append(contentsOf: #"<a href=""#.utf8)
            emit("link")
            out.append(contentsOf: #"">"#.utf8)
            emit("entryTitle")
            out.append(contentsOf: "</a>".utf8)
        } else {
            emit("entryTitle")
        }
        out.append(contentsOf: "</td><td>".utf8)
        emit("agent")
        for (sortKey, key, numeric) in [("startedSort", "started", false), ("durationSort", "duration", true), ("messages", "messages", true), ("tokensSort", "tokens", true), ("costSort", "cost", true)] {
            out.append(contentsOf: (numeric ? #"</td><td class="num" data-sort=""# : #"</td><td data-sort=""#).utf8)
            emit(sortKey)
            out.append(contentsOf: #"">"#.utf8)
            emit(key)
        }
        out.append(contentsOf: "</td><td>".utf8)
        emit("entryStatus")
        out.append(contentsOf: "</td></tr>\n".utf8)
    }

    private static func pageContext(
        title: String, subtitle: String, count: Int, rows: [[String: Any]], showSource: Bool, options: RenderOptions, upLink: String?
    ) throws -> [String: Any] {
        let script = try options.templates.asset("index.js")
        var context: [String: Any] = [
            "pageTitle": title,
            "title": title,
            "subtitle": subtitle,
            "csp": ContentSecurityPolicy.policy(script: script, bagImages: true),
            "stylesheet": TrustedHTML(html: try options.templates.asset("style.css")),
            "script": TrustedHTML(html: script),
            "showSource": showSource,
            "countText": count == 1 ? "1 session" : "\(count) sessions",
            "entries": rows,
            "software": options.software,
            "tokensDefinition": SessionFigures.tokensDefinition,
        ]
        if let upLink { context["upLink"] = upLink }
        if options.showsLocalZone { context["zoneName"] = options.timeZone.identifier }
        return context
    }

    /// A row's figures for machines (`data-figures`): `name=value` pairs separated by spaces, named
    /// as run.json's and the CSVs' columns, a value empty when unknown.
    static func figuresData(_ f: SessionFigures) -> String {
        func n(_ v: Int64?) -> String { v.map(String.init) ?? "" }
        return [
            ("model_requests", String(f.requests)), ("input_tokens", n(f.inputTokens)), ("output_tokens", n(f.outputTokens)),
            ("cache_read_tokens", n(f.cacheReadTokens)), ("cache_write_tokens", n(f.cacheWriteTokens)), ("total_tokens", n(f.totalTokens)),
            ("cost_usd", f.costText ?? ""), ("cost_source", f.cost.source.rawValue), ("tool_calls", String(f.toolCalls)), ("errors", String(f.errors)),
        ].map { $0.0 + "=" + $0.1 }.joined(separator: " ")
    }

    static func row(_ e: IndexEntry, options: RenderOptions) -> [String: Any] {
        var started = "—"
        var startedSort = ""
        if let s = e.started {
            let t = Timestamp.iso8601(s)
            let view = DisplayFormat.time(t, zone: options.timeZone, showZone: options.showsLocalZone)
            started = (view["local"] as? String) ?? (view["utcText"] as? String) ?? s
            startedSort = t.epochMilliseconds.map(String.init) ?? s
        }
        var row: [String: Any] = [
            "source": e.source,
            "entryTitle": e.title,
            "agent": e.agent,
            "started": started,
            "startedSort": startedSort,
            "duration": e.durationSeconds.map { DisplayFormat.duration($0) } ?? "—",
            "durationSort": e.durationSeconds.map(String.init) ?? "-1",
            "messages": e.messages,
            "tokens": DisplayFormat.count(e.tokens),
            "tokensSort": e.tokens.map(String.init) ?? "-1",
            "cost": e.cost.map(DisplayFormat.dollars) ?? "—",
            "costSort": e.cost ?? "-1",
            "entryStatus": e.status,
            "sessionID": e.sessionID,
            "agentID": e.agentID ?? "",
            "figuresData": e.figures.map(figuresData) ?? "",
        ]
        // Links are relative paths Chronicle built; anything with a scheme is dropped.
        if let link = e.link, !link.contains(":"), !link.hasPrefix("//") { row["link"] = link }
        return row
    }
}
