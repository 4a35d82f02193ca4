import ChronicleHTMLSafety

/// A page listing sessions: a run's `data/index.html` or the cumulative `<out>/index.html`.
public enum IndexPage {
    public static func render(title: String, subtitle: String, entries: [IndexEntry]) -> String {
        var html = HTMLPage.head(title: title)
        html += "<header><h1>\(HTMLSanitizer.escapeText(title))</h1><p>\(HTMLSanitizer.escapeText(subtitle))</p></header>\n<main>\n"
        html += "<table>\n<caption>\(entries.count) session\(entries.count == 1 ? "" : "s")</caption>\n"
        html += "<thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Source</th><th scope=\"col\">Agent</th><th scope=\"col\">Started (UTC)</th><th scope=\"col\">Duration</th><th scope=\"col\">Messages</th><th scope=\"col\">Events</th><th scope=\"col\">Tokens</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
        for e in entries {
            let title = HTMLSanitizer.escapeText(e.title)
            let cell = e.link.map { "<a href=\"\(HTMLSanitizer.escapeAttribute($0))\">\(title)</a>" } ?? title
            html += "<tr><td>\(cell)</td><td>\(HTMLSanitizer.escapeText(e.source))</td><td>\(HTMLSanitizer.escapeText(e.agent))</td>"
            html += "<td>\(HTMLSanitizer.escapeText(e.started ?? "—"))</td><td>\(e.durationSeconds.map { "\($0) s" } ?? "—")</td>"
            html += "<td>\(e.messages)</td><td>\(e.events)</td><td>\(e.tokens.map(String.init) ?? "—")</td><td>\(HTMLSanitizer.escapeText(e.status))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</main>\n" + HTMLPage.foot
        return html
    }
}
