import ChronicleCore

/// A page listing sessions: a run's `data/index.html` or the cumulative `<out>/index.html`,
/// rendered with the `index` template: a table that reads without JavaScript, with a search box
/// and sortable columns added by an inline script the CSP allows by its hash.
public enum IndexPage {
    public static func render(
        title: String, subtitle: String, entries: [IndexEntry], options: RenderOptions = .standard, upLink: String? = nil
    ) throws -> String {
        let script = try options.templates.asset("index.js")
        let showSource = Set(entries.map(\.source)).count > 1
        var context: [String: Any] = [
            "pageTitle": title,
            "title": title,
            "subtitle": subtitle,
            "csp": ContentSecurityPolicy.policy(script: script, bagImages: true),
            "stylesheet": TrustedHTML(html: try options.templates.asset("style.css")),
            "script": TrustedHTML(html: script),
            "showSource": showSource,
            "countText": entries.count == 1 ? "1 session" : "\(entries.count) sessions",
            "entries": entries.map { row($0, options: options) },
            "software": options.software,
        ]
        if let upLink { context["upLink"] = upLink }
        if options.showsLocalZone { context["zoneName"] = options.timeZone.identifier }
        var preparer = ViewPreparer(redactor: options.redactor)
        return try options.templates.render("index", preparer.prepare(context))
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
        ]
        // Links are relative paths Chronicle built; anything with a scheme is dropped.
        if let link = e.link, !link.contains(":"), !link.hasPrefix("//") { row["link"] = link }
        return row
    }
}
