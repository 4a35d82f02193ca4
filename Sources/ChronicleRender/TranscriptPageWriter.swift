import ChronicleCore
import ChronicleHTMLSafety

/// Writes the page around a transcript's events straight to UTF-8 bytes, exactly as the
/// embedded `transcript`, `page-head`, `time` and `artifact` templates render it through
/// Mustache (a test renders both ways and compares the bytes), without a context of `Any`
/// values per page.
///
/// ``TranscriptWriter`` uses it only while none of those templates is overridden
/// (`TemplateSet.rendersPageNatively`); the stylesheet and script are the template set's assets
/// either way. Every value shown is redacted once, cleaned and escaped as ``ViewPreparer`` and
/// `{{…}}` do it; Chronicle's own values (`csp`, `indexLink`, a problem's severity) are cleaned
/// and escaped without redaction.
struct TranscriptPageWriter {
    /// Writes the times and artifacts, as in the events.
    let events: EventHTMLWriter

    init(view: TranscriptView) {
        events = EventHTMLWriter(view: view)
    }

    /// One item of the totals list: the figure's name (as in run.json and the CSVs), its raw
    /// value (empty when unknown), what the page shows and its label.
    struct Total {
        var figure: String
        var raw: String
        var value: String
        var label: String

        init(figure: String, raw: String, value: String, label: String) {
            self.figure = figure
            self.raw = raw
            self.value = value
            self.label = label
        }

        /// A count: shown grouped (`3,120`), "—" when unknown.
        init(_ figure: String, _ n: Int64?, _ label: String) {
            self.init(figure: figure, raw: n.map(String.init) ?? "", value: DisplayFormat.count(n), label: label)
        }
    }

    /// What the page shows besides its events.
    struct Page {
        var title: String
        var csp: String
        var stylesheet: String
        var script: String
        var shared: Bool
        var redacting: Bool
        var indexLink: String?
        /// The cumulative index of the output folder, when the page lives in one.
        var homeLink: String?
        var platform: String
        var sourceName: String
        var agent: String
        var sessionID: String
        var status: String
        var running: Bool
        var truncated: Bool
        var partial: Bool
        var started: Timestamp?
        var ended: Timestamp?
        var duration: String
        var models: String
        /// The context-window line (Vectara's `session_context_usage`), when the platform gives one.
        var contextWindow: String?
        var totals: [Total]
        var problems: [(severity: String, kind: String, message: String)]
        var hasEvents: Bool
        var artifacts: [[String: Any]]
        var software: String
        var zoneName: String?
    }

    /// The page up to its events (`head`), after them up to the links to the neighbouring
    /// sessions (`tail`), and its footer (`footer`); ``appendNeighbours(_:preparer:to:)`` and
    /// ``appendEnd(script:to:)`` write the rest.
    func write(_ page: Page, preparer: inout ViewPreparer, head: inout [UInt8], tail: inout [UInt8], footer: inout [UInt8]) {
        func text(_ s: String, to out: inout [UInt8]) { EventHTMLWriter.text(s, preparer: &preparer, to: &out) }
        let title = preparer.redact(page.title)
        let platform = preparer.redact(page.platform)

        head.append(contentsOf: """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="
            """.utf8)
        EventHTMLWriter.built(page.csp, to: &head)
        head.append(contentsOf: """
            ">
            <meta name="color-scheme" content="light dark">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <meta name="generator" content="Chronicle">
            <title>
            """.utf8)
        EventHTMLWriter.built(title, to: &head)
        head.append(contentsOf: "</title>\n<style>".utf8)
        head.append(contentsOf: page.stylesheet.utf8)
        head.append(contentsOf: """
            </style>
            </head>
            <body>
            <a class="skip" href="#events">Skip to the events</a>
            <header>

            """.utf8)
        if let link = page.indexLink {
            head.append(contentsOf: #"<nav aria-label="Run"><a href=""#.utf8)
            EventHTMLWriter.built(link, to: &head)
            head.append(contentsOf: #"">All sessions of this run</a>"#.utf8)
            if let home = page.homeLink {
                head.append(contentsOf: #" · <a href=""#.utf8)
                EventHTMLWriter.built(home, to: &head)
                head.append(contentsOf: #"">All exported sessions</a>"#.utf8)
            }
            head.append(contentsOf: "</nav>".utf8)
        }
        head.append(contentsOf: "\n<h1>".utf8)
        EventHTMLWriter.built(title, to: &head)
        head.append(contentsOf: "</h1>\n".utf8)
        if page.shared {
            head.append(contentsOf: #"<p class="muted">A shared copy of one session"#.utf8)
            if page.redacting { head.append(contentsOf: "; secrets were redacted".utf8) }
            head.append(contentsOf: ".</p>".utf8)
        }
        head.append(contentsOf: "\n<dl class=\"meta\">\n<dt>Platform</dt><dd>".utf8)
        EventHTMLWriter.built(platform, to: &head)
        head.append(contentsOf: " (source ".utf8)
        text(page.sourceName, to: &head)
        head.append(contentsOf: ")</dd>\n<dt>Agent</dt><dd>".utf8)
        text(page.agent, to: &head)
        head.append(contentsOf: "</dd>\n<dt>Session</dt><dd><code>".utf8)
        text(page.sessionID, to: &head)
        head.append(contentsOf: "</code></dd>\n<dt>Status</dt><dd>".utf8)
        text(page.status, to: &head)
        if page.running { head.append(contentsOf: #" <span class="badge warn">running: a snapshot</span>"#.utf8) }
        if page.truncated { head.append(contentsOf: #" <span class="badge warn">possibly truncated</span>"#.utf8) }
        if page.partial { head.append(contentsOf: #" <span class="badge bad">partial</span>"#.utf8) }
        for (label, time) in [("Started", page.started), ("Ended", page.ended)] {
            head.append(contentsOf: "</dd>\n<dt>".utf8)
            head.append(contentsOf: label.utf8)
            head.append(contentsOf: "</dt><dd>".utf8)
            if let time {
                events.appendTime(
                    DisplayFormat.timeText(time, zone: events.view.options.timeZone, showZone: events.view.options.showsLocalZone),
                    preparer: &preparer, to: &head)
            } else {
                head.append(contentsOf: "unknown".utf8)
            }
        }
        head.append(contentsOf: "</dd>\n<dt>Duration</dt><dd>".utf8)
        text(page.duration, to: &head)
        head.append(contentsOf: "</dd>\n<dt>Models</dt><dd>".utf8)
        text(page.models, to: &head)
        if let context = page.contextWindow {
            head.append(contentsOf: "</dd>\n<dt>Context window</dt><dd>".utf8)
            text(context, to: &head)
        }
        head.append(contentsOf: "</dd>\n</dl>\n<ul class=\"totals\" aria-label=\"Totals\">\n".utf8)
        for item in page.totals {
            head.append(contentsOf: #"<li data-figure=""#.utf8)
            EventHTMLWriter.built(item.figure, to: &head)
            head.append(contentsOf: #"" data-value=""#.utf8)
            EventHTMLWriter.built(item.raw, to: &head)
            head.append(contentsOf: #""><b>"#.utf8)
            text(item.value, to: &head)
            head.append(contentsOf: "</b><span>".utf8)
            text(item.label, to: &head)
            head.append(contentsOf: "</span></li>\n".utf8)
        }
        head.append(contentsOf: "</ul>\n<p class=\"figures-note\">¹ ".utf8)
        text(SessionFigures.tokensDefinition, to: &head)
        head.append(contentsOf: "</p>\n".utf8)
        if !page.problems.isEmpty {
            head.append(contentsOf: #"<section aria-labelledby="problems-h"><h2 id="problems-h">Problems</h2><ul class="problems">"#.utf8)
            head.append(0x0A)
            for problem in page.problems {
                head.append(contentsOf: #"<li><span class="badge "#.utf8)
                EventHTMLWriter.built(problem.severity, to: &head)
                head.append(contentsOf: #"">"#.utf8)
                text(problem.kind, to: &head)
                head.append(contentsOf: "</span> ".utf8)
                text(problem.message, to: &head)
                head.append(contentsOf: "</li>\n".utf8)
            }
            head.append(contentsOf: "</ul></section>".utf8)
        }
        head.append(contentsOf: "\n</header>\n<main id=\"events\">\n<h2>Events</h2>\n".utf8)
        head.append(contentsOf: #"<div class="filter" id="filter" hidden><label>Filter the events <input type="search" id="filter-input" placeholder="text, speaker, tool…"></label> <span id="filter-count" class="muted"></span></div>"#.utf8)
        head.append(0x0A)

        tail.append(0x0A)
        if !page.hasEvents { tail.append(contentsOf: #"<p class="muted">This session has no events.</p>"#.utf8) }
        tail.append(contentsOf: "\n</main>\n".utf8)
        if !page.artifacts.isEmpty {
            tail.append(contentsOf: "<section aria-labelledby=\"artifacts-h\">\n<h2 id=\"artifacts-h\">Artifacts</h2>\n".utf8)
            for artifact in page.artifacts {
                events.appendArtifact(artifact, preparer: &preparer, to: &tail)
                tail.append(0x0A)
            }
            tail.append(contentsOf: "</section>".utf8)
        }
        tail.append(0x0A)
        footer.append(contentsOf: "<footer><p>Exported by ".utf8)
        text(page.software, to: &footer)
        footer.append(contentsOf: " from ".utf8)
        EventHTMLWriter.built(platform, to: &footer)
        footer.append(contentsOf: ". Times in UTC".utf8)
        if let zone = page.zoneName {
            footer.append(contentsOf: " and ".utf8)
            text(zone, to: &footer)
        }
        footer.append(contentsOf: ".</p></footer>\n".utf8)
    }

    /// The links to the sessions before and after this one in the run's index (nothing when
    /// there is none), as the `transcript` template's `{{{neighbours}}}` shows them: titles
    /// redacted, cleaned and escaped; hrefs Chronicle's own, cleaned and escaped.
    static func appendNeighbours(_ neighbours: TranscriptNeighbours, preparer: inout ViewPreparer, to out: inout [UInt8]) {
        guard neighbours.older != nil || neighbours.newer != nil else { return }
        out.append(contentsOf: #"<nav class="neighbours" aria-label="Sessions before and after this one in the run's index">"#.utf8)
        if let older = neighbours.older {
            out.append(contentsOf: #"<a class="older" rel="prev" href=""#.utf8)
            EventHTMLWriter.built(older.href, to: &out)
            out.append(contentsOf: #"">← Older session: "#.utf8)
            EventHTMLWriter.text(older.title, preparer: &preparer, to: &out)
            out.append(contentsOf: "</a>".utf8)
        }
        if neighbours.older != nil, neighbours.newer != nil { out.append(0x20) }
        if let newer = neighbours.newer {
            out.append(contentsOf: #"<a class="newer" rel="next" href=""#.utf8)
            EventHTMLWriter.built(newer.href, to: &out)
            out.append(contentsOf: #"">Newer session: "#.utf8)
            EventHTMLWriter.text(newer.title, preparer: &preparer, to: &out)
            out.append(contentsOf: " →</a>".utf8)
        }
        out.append(contentsOf: "</nav>\n".utf8)
    }

    /// The page after its footer: the script and the closing tags.
    static func appendEnd(script: String, to out: inout [UInt8]) {
        out.append(contentsOf: "<script>".utf8)
        out.append(contentsOf: script.utf8)
        out.append(contentsOf: "</script>\n</body>\n</html>\n".utf8)
    }
}
