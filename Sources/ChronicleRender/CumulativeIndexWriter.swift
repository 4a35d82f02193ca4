import ChronicleCore
import ChronicleHTMLSafety
import Foundation

/// Writes the cumulative index of an output folder from entries handed over newest first:
/// `<out>/index.html` (a usage summary per source and agent with a small chart per row, the
/// months, the runs with their files, the newest sessions) and one page per month,
/// `<out>/index-YYYY-MM.html` (`index-undated.html` for sessions without a time). Only the
/// month being written and the summary's figures are held, never the whole history.
public struct CumulativeIndexWriter {
    /// One run's bag (or rendered folder) in the output folder, linked from the front page.
    public struct RunLink: Sendable {
        public var source: String
        public var runID: String
        public var status: String
        public var sessions: Int?
        /// Path of the run's folder that holds `index.html`, `run.json` and `usage/`,
        /// relative to the output folder (`<source>/<run>/data`).
        public var folder: String

        public init(source: String, runID: String, status: String, sessions: Int?, folder: String) {
            self.source = source
            self.runID = runID
            self.status = status
            self.sessions = sessions
            self.folder = folder
        }
    }

    /// How many of the newest sessions the front page lists.
    public static let frontPageSessions = 200
    /// How many months a usage chart shows (the newest).
    static let chartMonths = 12

    let outputDirectory: String
    let options: RenderOptions
    let title: String
    private var front: [IndexEntry] = []
    private var month: String?
    private var monthEntries: [IndexEntry] = []
    private var months: [(key: String, totals: IndexPage.Totals)] = []
    private var written: Set<String> = []
    private var undated: [IndexEntry] = []
    private var usage: [String: Usage] = [:]
    private var count = 0

    struct Usage {
        var source: String
        var agent: String
        var totals = IndexPage.Totals([])
        var tokensByMonth: [String: Int64] = [:]
    }

    public init(outputDirectory: String, options: RenderOptions, title: String = "Chronicle: all exported sessions") {
        self.outputDirectory = outputDirectory
        self.options = options
        self.title = title
    }

    /// The page of a month key (`2026-11`, or `undated`), relative to the output folder.
    public static func pageName(month: String) -> String { "index-\(month).html" }

    /// The month of an entry: the `YYYY-MM` its start time begins with, as stored (the order
    /// the entries come in), else `undated`.
    public static func monthKey(_ started: String?) -> String {
        guard let s = started, s.utf8.count >= 7 else { return "undated" }
        let b = Array(s.utf8.prefix(7))
        let digits = [0, 1, 2, 3, 5, 6].allSatisfy { (0x30...0x39).contains(b[$0]) }
        return digits && b[4] == 0x2D ? String(decoding: b, as: UTF8.self) : "undated"
    }

    /// Takes the next entry (newest first; links relative to the output folder).
    public mutating func add(_ entry: IndexEntry) throws {
        count += 1
        if front.count < Self.frontPageSessions { front.append(entry) }
        let key = Self.monthKey(entry.started)
        var u = usage[entry.source + "\u{0}" + entry.agent] ?? Usage(source: entry.source, agent: entry.agent)
        u.totals.add(entry)
        if let t = entry.tokens { u.tokensByMonth[key, default: 0] += t }
        usage[entry.source + "\u{0}" + entry.agent] = u
        if key == "undated" || written.contains(key) {
            undated.append(entry)
            return
        }
        if key != month { try flushMonth() }
        month = key
        monthEntries.append(entry)
    }

    private mutating func flushMonth() throws {
        guard let month, !monthEntries.isEmpty else { return }
        try writeMonth(month, monthEntries)
        written.insert(month)
        monthEntries = []
        self.month = nil
    }

    private mutating func writeMonth(_ key: String, _ entries: [IndexEntry]) throws {
        let label = key == "undated" ? "sessions without a start time" : "sessions started in \(key)"
        try IndexPage.write(
            to: outputDirectory + "/" + Self.pageName(month: key), title: "Chronicle: \(label)",
            subtitle: "Latest version of every exported session; the month is that of the session's first event (else its creation), as the platform wrote it.",
            entries: entries, options: options, upLink: "index.html"
        )
        months.append((key, IndexPage.Totals(entries)))
    }

    /// Writes the month pages still open and the front page; returns the front page's path.
    public mutating func finish(runs: [RunLink]) throws -> String {
        try flushMonth()
        if !undated.isEmpty {
            try writeMonth("undated", undated)
            undated = []
        }
        let path = outputDirectory + "/index.html"
        var summary: [UInt8] = []
        appendSummary(runs: runs, to: &summary)
        try IndexPage.write(
            to: path, title: title,
            subtitle: count <= front.count
                ? "Latest version of every exported session, newest first."
                : "The \(front.count) newest of \(count) exported sessions; every month has its own page below.",
            entries: front, options: options, upLink: nil, summary: TrustedHTML(html: String(decoding: summary, as: UTF8.self))
        )
        return path
    }

    // MARK: - The front page's summary

    private func text(_ s: String, to out: inout [UInt8]) {
        HTMLSanitizer.appendEscapedAttribute(options.redactor.redact(s), to: &out)
    }

    private func built(_ s: String, to out: inout [UInt8]) {
        HTMLSanitizer.appendEscapedAttribute(s, to: &out)
    }

    private func appendSummary(runs: [RunLink], to out: inout [UInt8]) {
        let newest = Set(usage.values.flatMap { $0.tokensByMonth.keys }).subtracting(["undated"]).max()
        let axis = newest.map { Self.monthsEnding(at: $0, count: Self.chartMonths) } ?? []
        out.append(contentsOf: "<section aria-labelledby=\"usage-h\">\n<h2 id=\"usage-h\">Usage by source and agent</h2>\n".utf8)
        // The same definition, and the same mark, as every other page that shows tokens.
        out.append(contentsOf: "<p class=\"muted\">¹ \(SessionFigures.tokensDefinition); cost in US dollars where known.".utf8)
        if let first = axis.first, let last = axis.last {
            out.append(contentsOf: " Charts: tokens per month, ".utf8)
            built(first, to: &out)
            out.append(contentsOf: " to ".utf8)
            built(last, to: &out)
            out.append(0x2E)
        }
        out.append(contentsOf: "</p>\n<div class=\"table-scroll\"><table class=\"usage\">\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Agent</th><th scope=\"col\" class=\"num\">Sessions</th><th scope=\"col\" class=\"num\">Messages</th><th scope=\"col\" class=\"num\">Tokens¹</th><th scope=\"col\" class=\"num\">Cost</th><th scope=\"col\">Tokens¹ per month</th></tr></thead>\n<tbody>\n".utf8)
        for (i, u) in usage.values.sorted(by: { ($0.source, $0.agent) < ($1.source, $1.agent) }).enumerated() {
            out.append(contentsOf: "<tr><td>".utf8)
            text(u.source, to: &out)
            out.append(contentsOf: "</td><td>".utf8)
            text(u.agent, to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(DisplayFormat.grouped(Int64(u.totals.count)), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(DisplayFormat.grouped(u.totals.messages), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(DisplayFormat.count(u.totals.tokens), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(u.totals.cost.map { DisplayFormat.dollars($0.description) } ?? "—", to: &out)
            out.append(contentsOf: "</td><td>".utf8)
            appendChart(id: "chart\(i)", usage: u, axis: axis, to: &out)
            out.append(contentsOf: "</td></tr>\n".utf8)
        }
        out.append(contentsOf: "</tbody>\n</table></div>\n</section>\n".utf8)

        out.append(contentsOf: "<section aria-labelledby=\"months-h\">\n<h2 id=\"months-h\">Months</h2>\n<div class=\"table-scroll\"><table class=\"months\">\n<thead><tr><th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">Sessions</th><th scope=\"col\" class=\"num\">Messages</th><th scope=\"col\" class=\"num\">Tokens</th><th scope=\"col\" class=\"num\">Cost</th></tr></thead>\n<tbody>\n".utf8)
        for m in months.sorted(by: { $0.key == "undated" ? false : ($1.key == "undated" ? true : $0.key > $1.key) }) {
            out.append(contentsOf: "<tr><td><a href=\"".utf8)
            built(Self.pageName(month: m.key), to: &out)
            out.append(contentsOf: "\">".utf8)
            built(m.key, to: &out)
            out.append(contentsOf: "</a></td><td class=\"num\">".utf8)
            built(DisplayFormat.grouped(Int64(m.totals.count)), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(DisplayFormat.grouped(m.totals.messages), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(DisplayFormat.count(m.totals.tokens), to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(m.totals.cost.map { DisplayFormat.dollars($0.description) } ?? "—", to: &out)
            out.append(contentsOf: "</td></tr>\n".utf8)
        }
        out.append(contentsOf: "</tbody>\n</table></div>\n</section>\n".utf8)

        guard !runs.isEmpty else { return }
        out.append(contentsOf: "<section aria-labelledby=\"runs-h\">\n<h2 id=\"runs-h\">Runs</h2>\n<details class=\"runs\"".utf8)
        if runs.count <= 20 { out.append(contentsOf: " open".utf8) }
        out.append(contentsOf: "><summary>".utf8)
        built(runs.count == 1 ? "1 run" : "\(runs.count) runs", to: &out)
        out.append(contentsOf: ", newest first</summary>\n<div class=\"table-scroll\"><table class=\"runs\">\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Run</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Sessions</th><th scope=\"col\">Files</th></tr></thead>\n<tbody>\n".utf8)
        let fm = FileManager.default
        for run in runs.sorted(by: { ($0.runID, $0.source) > ($1.runID, $1.source) }) {
            out.append(contentsOf: "<tr><td>".utf8)
            text(run.source, to: &out)
            out.append(contentsOf: "</td><td>".utf8)
            built(run.runID, to: &out)
            out.append(contentsOf: "</td><td>".utf8)
            built(run.status, to: &out)
            out.append(contentsOf: "</td><td class=\"num\">".utf8)
            built(run.sessions.map { DisplayFormat.grouped(Int64($0)) } ?? "—", to: &out)
            out.append(contentsOf: "</td><td>".utf8)
            var first = true
            for (file, label) in [("index.html", "sessions"), ("usage/sessions.csv", "sessions.csv"), ("usage/daily.csv", "daily.csv"), ("usage/models.csv", "models.csv"), ("run.json", "run.json")]
            where fm.fileExists(atPath: outputDirectory + "/" + run.folder + "/" + file) {
                if !first { out.append(contentsOf: " · ".utf8) }
                first = false
                out.append(contentsOf: "<a href=\"".utf8)
                built(Self.relativeLink(run.folder + "/" + file), to: &out)
                out.append(contentsOf: "\">".utf8)
                built(label, to: &out)
                out.append(contentsOf: "</a>".utf8)
            }
            out.append(contentsOf: "</td></tr>\n".utf8)
        }
        out.append(contentsOf: "</tbody>\n</table></div>\n</details>\n</section>\n".utf8)
    }

    /// `count` calendar months up to `month` (`YYYY-MM`), oldest first.
    static func monthsEnding(at month: String, count: Int) -> [String] {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return [month] }
        let last = y * 12 + (m - 1)
        return ((last - count + 1)...last).map { i in
            let year = String(i / 12), monthNumber = String(i % 12 + 1)
            return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + (monthNumber.count == 1 ? "0" : "") + monthNumber
        }
    }

    /// A relative link of path segments (each percent-encoded where a URL needs it).
    public static func relativeLink(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":?#")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }.joined(separator: "/")
    }

    /// A bar chart of tokens per month, readable without script: the SVG has a title and a
    /// description giving every figure, and each bar its own title.
    private func appendChart(id: String, usage u: Usage, axis: [String], to out: inout [UInt8]) {
        let barWidth = 14, gap = 4, height = 40
        let width = max(1, axis.count) * (barWidth + gap)
        let peak = max(1, axis.map { u.tokensByMonth[$0] ?? 0 }.max() ?? 1)
        out.append(contentsOf: "<svg class=\"chart\" role=\"img\" width=\"\(width)\" height=\"\(height + 2)\" viewBox=\"0 0 \(width) \(height + 2)\" aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">".utf8)
        text("Tokens per month, \(u.source), \(u.agent)", to: &out)
        out.append(contentsOf: "</title><desc id=\"\(id)-d\">".utf8)
        built(axis.map { "\($0): \(DisplayFormat.count(u.tokensByMonth[$0]))" }.joined(separator: "; "), to: &out)
        out.append(contentsOf: "</desc>".utf8)
        out.append(contentsOf: "<line class=\"axis\" x1=\"0\" y1=\"\(height + 1)\" x2=\"\(width)\" y2=\"\(height + 1)\"/>".utf8)
        for (i, m) in axis.enumerated() {
            let value = u.tokensByMonth[m] ?? 0
            let h = value == 0 ? 0 : max(1, Int((Double(value) / Double(peak) * Double(height)).rounded()))
            out.append(contentsOf: "<rect class=\"bar\" x=\"\(i * (barWidth + gap))\" y=\"\(height + 1 - h)\" width=\"\(barWidth)\" height=\"\(h)\"><title>".utf8)
            built("\(m): \(DisplayFormat.grouped(value)) tokens", to: &out)
            out.append(contentsOf: "</title></rect>".utf8)
        }
        out.append(contentsOf: "</svg>".utf8)
    }
}
