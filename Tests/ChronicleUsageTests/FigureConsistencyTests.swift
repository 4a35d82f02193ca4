import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// Every figure of every session (requests, the four token counts, total tokens, cost and its
/// source, tool calls, errors) is the same on its transcript, on its run's index, on the
/// cumulative index, in run.json and in sessions.csv, and the daily and per-model CSVs sum to
/// the sessions': the samples of all five platforms, exported by the real binary.
@Suite("One set of numbers", .serialized)
struct FigureConsistencyTests {
    static let figureNames = [
        "model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens",
        "cost_usd", "cost_source", "tool_calls", "errors",
    ]

    @Test func everyFigureIsEqualEverywhere() throws {
        let tmp = try ScratchFolder("chronicle-figures")
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        let export = try run(Repository.chronicleBinary, ["export", "--samples", UsageRepository.samples, "--out", out])
        try #require(export.status == 0 || export.status == 3, "export: \(export.output)")
        let cumulative = try Self.indexRows(read(out + "/index.html"))
        var sessionsSeen = 0
        var costsKnown = 0
        for (_, source) in UsageRepository.platforms {
            let bag = try #require(try bags(in: out, source: source).last)
            let data = bag + "/data"
            let doc = try readJSON(data + "/run.json")
            let csv = try Self.csvRows(read(data + "/usage/sessions.csv"))
            let runIndex = try Self.indexRows(read(data + "/index.html"))
            var sums: [String: Int64] = [:]
            for s in doc["sessions"]?.arrayValue ?? [] {
                let id = try #require(s["id"]?.stringValue)
                let agent = try #require(s["agent_id"]?.stringValue)
                let label = "\(source) \(agent)/\(id)"
                var fromJSON: [String: String] = [:]
                for name in Self.figureNames {
                    switch s[name] {
                    case .number(let literal)?: fromJSON[name] = literal
                    case .string(let text)?: fromJSON[name] = text
                    default: fromJSON[name] = ""
                    }
                }
                sessionsSeen += 1
                if fromJSON["cost_usd"] != "" { costsKnown += 1 }
                // sessions.csv
                let row = try #require(csv.first { $0["agent_id"] == agent && $0["session_id"] == id }, "\(label): no sessions.csv row")
                for name in Self.figureNames {
                    #expect(row[name] == fromJSON[name], "\(label): sessions.csv \(name) \(row[name] ?? "nil") != run.json \(fromJSON[name] ?? "")")
                    if name != "cost_usd", name != "cost_source", let v = Int64(fromJSON[name] ?? "") { sums[name, default: 0] += v }
                }
                // the transcript
                let transcriptPath = try #require(s["transcript"]?.stringValue, "\(label): no transcript")
                let page = try read(data + "/" + transcriptPath)
                let shown = Self.transcriptFigures(page)
                for name in Self.figureNames where name != "cost_source" {
                    #expect(shown[name]?.raw == fromJSON[name], "\(label): transcript \(name) \(shown[name]?.raw ?? "missing") != run.json \(fromJSON[name] ?? "")")
                    if let item = shown[name] { #expect(item.shown == Self.display(name, item.raw), "\(label): transcript shows \(item.shown) for \(name) = \(item.raw)") }
                }
                #expect(page.contains("Tokens = input + output + cache read + cache write"), "\(label): the transcript does not name the tokens' definition")
                // both indexes
                for (indexName, rows) in [("run index", runIndex), ("cumulative index", cumulative)] {
                    let r = try #require(rows.first { $0.session == id && $0.agent == agent }, "\(label): not on the \(indexName)")
                    for name in Self.figureNames {
                        #expect(r.figures[name] == fromJSON[name], "\(label): \(indexName) \(name) \(r.figures[name] ?? "missing") != run.json \(fromJSON[name] ?? "")")
                    }
                    #expect(r.html.contains(">" + Self.display("total_tokens", fromJSON["total_tokens"] ?? "") + "<"), "\(label): \(indexName) shows other tokens: \(r.html)")
                    #expect(r.html.contains(">" + Self.display("cost_usd", fromJSON["cost_usd"] ?? "") + "<"), "\(label): \(indexName) shows another cost: \(r.html)")
                }
            }
            // daily.csv and models.csv add up to the sessions' figures.
            for table in ["daily", "models"] {
                let rows = try Self.csvRows(read(data + "/usage/\(table).csv"))
                for name in ["model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens"] {
                    let sum = rows.reduce(Int64(0)) { $0 + (Int64($1[name] ?? "") ?? 0) }
                    #expect(sum == sums[name, default: 0], "\(source): \(table).csv \(name) sums to \(sum), sessions.csv to \(sums[name, default: 0])")
                }
            }
        }
        #expect(sessionsSeen >= 15, "only \(sessionsSeen) sessions in the samples")
        #expect(costsKnown >= 5, "only \(costsKnown) sessions with a known cost")
    }

    /// What the page shows for a figure's raw value (as the pages format it).
    static func display(_ name: String, _ raw: String) -> String {
        if raw.isEmpty { return "—" }
        if name == "cost_usd" {
            guard let d = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")) else { return "$" + raw }
            return "$" + d.description
        }
        guard let n = Int64(raw) else { return raw }
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The transcript's totals: `data-figure` → (`data-value`, the text shown).
    static func transcriptFigures(_ page: String) -> [String: (raw: String, shown: String)] {
        var out: [String: (raw: String, shown: String)] = [:]
        for piece in page.components(separatedBy: "data-figure=\"").dropFirst() {
            guard let nameEnd = piece.firstIndex(of: "\"") else { continue }
            let name = String(piece[..<nameEnd])
            guard let v = piece.range(of: "data-value=\"") else { continue }
            let rest = piece[v.upperBound...]
            guard let valueEnd = rest.firstIndex(of: "\"") else { continue }
            var shown = ""
            if let b = rest.range(of: "<b>"), let e = rest.range(of: "</b>") { shown = unescape(String(rest[b.upperBound..<e.lowerBound])) }
            out[name] = (unescape(String(rest[..<valueEnd])), shown)
        }
        return out
    }

    struct IndexRow {
        var session: String
        var agent: String
        var figures: [String: String]
        var html: String
    }

    /// The rows of an index page: `<tr data-session=… data-agent-id=… data-figures=…>…</tr>`.
    static func indexRows(_ page: String) -> [IndexRow] {
        var out: [IndexRow] = []
        for piece in page.components(separatedBy: "<tr ").dropFirst() {
            guard let end = piece.range(of: "</tr>") else { continue }
            let html = String(piece[..<end.lowerBound])
            func attribute(_ name: String) -> String? {
                guard let r = html.range(of: " \(name)=\"") ?? (html.hasPrefix("\(name)=\"") ? html.range(of: "\(name)=\"") : nil) else { return nil }
                let rest = html[r.upperBound...]
                return rest.firstIndex(of: "\"").map { unescape(String(rest[..<$0])) }
            }
            guard let session = attribute("data-session"), let agent = attribute("data-agent-id"), let figures = attribute("data-figures") else { continue }
            var map: [String: String] = [:]
            for pair in figures.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2 { map[String(parts[0])] = String(parts[1]) }
            }
            out.append(IndexRow(session: session, agent: agent, figures: map, html: html))
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var t = s
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            t = t.replacingOccurrences(of: entity, with: char)
        }
        return t
    }

    /// RFC 4180 records as dictionaries by header (quotes, doubled quotes and CRLF inside quotes);
    /// a leading BOM is dropped.
    static func csvRows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r\n" || c == "\n" || c == "\r" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            var d: [String: String] = [:]
            for (k, v) in zip(header, r) { d[k] = v }
            return d
        }
    }
}
