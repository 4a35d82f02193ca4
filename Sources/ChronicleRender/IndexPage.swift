import ChronicleBag
import ChronicleCore
import ChronicleHTMLSafety
import Foundation

/// A page listing sessions: a run's `data/index.html` or the cumulative `<out>/index.html`,
/// rendered with the `index` template: a table newest first with a totals row, that reads without
/// JavaScript; an inline script the CSP allows by its hash adds a search box, filters (source,
/// agent, status, date range) that recompute the totals, and sortable columns.
public enum IndexPage {
    public static func render(
        title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions = .standard, upLink: String? = nil
    ) throws -> String {
        try render(title: title, subtitle: subtitle, entries: entries, options: options, upLink: upLink, summary: nil)
    }

    /// The page with `summary` (Chronicle's own HTML) above the sessions.
    static func render(
        title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions, upLink: String?, summary: TrustedHTML?
    ) throws -> String {
        let entries = newestFirst(entries)
        let showSource = Set(entries.map(\.source)).count > 1
        var preparer = ViewPreparer(redactor: options.redactor)
        let context = try pageContext(
            title: title, subtitle: subtitle, totals: Totals(entries), rows: entries.map { row($0, options: options) }, showSource: showSource,
            options: options, upLink: upLink, summary: summary)
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
        try write(to: path, title: title, subtitle: subtitle, entries: entries, options: options, upLink: upLink, summary: nil)
    }

    /// ``write(to:title:subtitle:entries:options:upLink:)`` with `summary` (Chronicle's own HTML)
    /// above the sessions.
    @discardableResult
    static func write(
        to path: String, title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions, upLink: String?, summary: TrustedHTML?
    ) throws -> Bool {
        let entries = newestFirst(entries)
        func renderWhole() throws -> Bool {
            let page = try render(title: title, subtitle: subtitle, entries: entries, options: options, upLink: upLink, summary: summary)
            try AtomicFile.write(Array(page.utf8), to: path)
            return false
        }
        guard options.templates.rendersIndexRowsNatively else { return try renderWhole() }
        let showSource = Set(entries.map(\.source)).count > 1
        var preparer = ViewPreparer(redactor: options.redactor)
        let empty = try options.templates.render(
            "index",
            preparer.prepare(
                try pageContext(
                    title: title, subtitle: subtitle, totals: Totals(entries), rows: [], showSource: showSource, options: options, upLink: upLink,
                    summary: summary)))
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
        out.append(contentsOf: #"<tr data-source=""#.utf8)
        emit("source")
        out.append(contentsOf: #"" data-agent=""#.utf8)
        emit("agent")
        out.append(contentsOf: #"" data-status=""#.utf8)
        emit("statusWord")
        out.append(contentsOf: #"" data-day=""#.utf8)
        emit("day")
        out.append(contentsOf: #"" data-session=""#.utf8)
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

    /// The entries newest first (by start time; those without one last), ties in their order.
    static func newestFirst(_ entries: [IndexEntry]) -> [IndexEntry] {
        newestFirstOrder(entries).map { entries[$0] }
    }

    /// The positions of `entries` in ``newestFirst(_:)``'s order.
    static func newestFirstOrder(_ entries: [IndexEntry]) -> [Int] {
        let keyed = entries.indices.map { (entries[$0].started.flatMap { Timestamp.iso8601($0).epochMilliseconds }, $0) }
        return keyed.sorted { a, b in
            switch (a.0, b.0) {
            case let (x?, y?): return x != y ? x > y : a.1 < b.1
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.1 < b.1
            }
        }.map(\.1)
    }

    /// The totals row: of every entry on the page (a script recomputes it for the rows a filter shows).
    struct Totals {
        var count = 0
        var messages: Int64 = 0
        var tokens: Int64?
        var cost: Decimal?

        init(_ entries: [IndexEntry]) {
            for e in entries { add(e) }
        }

        mutating func add(_ e: IndexEntry) {
            count += 1
            messages += Int64(e.messages)
            if let t = e.tokens { tokens = (tokens ?? 0) + t }
            if let c = e.cost, let d = Decimal(string: c, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN { cost = (cost ?? 0) + d }
        }
    }

    private static func pageContext(
        title: String, subtitle: String, totals: Totals, rows: [[String: Any]], showSource: Bool, options: RenderOptions, upLink: String?,
        summary: TrustedHTML?
    ) throws -> [String: Any] {
        let count = totals.count
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
            "totalsSpan": showSource ? 5 : 4,
            "totalCount": count == 1 ? "1 session" : "\(count) sessions",
            "totalMessages": DisplayFormat.grouped(totals.messages),
            "totalTokens": DisplayFormat.count(totals.tokens),
            "totalCost": totals.cost.map { DisplayFormat.dollars($0.description) } ?? "—",
            "tokensDefinition": SessionFigures.tokensDefinition,
        ]
        if let summary { context["summary"] = summary }
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
        var day = ""
        if let s = e.started {
            let t = Timestamp.iso8601(s)
            let view = DisplayFormat.time(t, zone: options.timeZone, showZone: options.showsLocalZone)
            started = (view["local"] as? String) ?? (view["utcText"] as? String) ?? s
            startedSort = t.epochMilliseconds.map(String.init) ?? s
            if let ms = t.epochMilliseconds { day = utcDay(ms) }
        }
        let statusWord = e.status.range(of: " (run ").map { String(e.status[..<$0.lowerBound]) } ?? e.status
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
            "statusWord": statusWord,
            "day": day,
            "sessionID": e.sessionID,
            "agentID": e.agentID ?? "",
            "figuresData": e.figures.map(figuresData) ?? "",
        ]
        // Links are relative paths Chronicle built; anything with a scheme is dropped.
        if let link = e.link, !link.contains(":"), !link.hasPrefix("//") { row["link"] = link }
        return row
    }

    /// `YYYY-MM-DD` in UTC of Unix milliseconds.
    static func utcDay(_ ms: Int64) -> String {
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int64, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
