import ChronicleCommands
import ChronicleTestSupport
@testable import ChronicleRender
import Foundation
import Testing

/// Headless Chromium drives the pages as a reader would: a harness page (no CSP of its own)
/// loads the page under test in a frame, sets the filters, clicks the buttons and writes what
/// it saw into its own DOM, which `--dump-dom` returns. The figures it reports are compared
/// with those computed here from the entries the page was written from.
@Suite("Pages in a browser", .serialized)
struct BrowserPageTests {
    static let sources = ["support", "research", "ops"]
    static let agents = ["Ada (agt_1)", "Brook (agt_2)", "agt_3", "Cyd (agt_4)"]
    static let statuses = ["completed", "failed", "idle", "completed, partial"]

    /// 10,000 sessions over 14 months, some without a start time, tokens or cost.
    static func entries(_ count: Int) -> [IndexEntry] {
        var random = SplitMix64(seed: 17)
        return (0..<count).map { i in
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            let year = i % 7 == 0 ? 2025 : 2026
            let started = i % 97 == 0 ? nil : String(format: "%04d-%02d-%02dT%02d:%02d:00Z", year, month, day, Int(random.next() % 24), Int(random.next() % 60))
            return IndexEntry(
                source: sources[i % sources.count], title: "Session \(i) <b>not bold</b>", sessionID: "s\(i)", agent: agents[Int(random.next() % 4)],
                started: started, durationSeconds: Int64(random.next() % 5000), messages: Int(random.next() % 40), events: 10,
                tokens: i % 11 == 0 ? nil : Int64(random.next() % 100_000), status: statuses[Int(random.next() % 4)] + " (run 20261101T000000Z)",
                link: "sessions/s\(i)/transcript.html", cost: i % 3 == 0 ? nil : "0.\(String(format: "%04d", Int(random.next() % 10_000)))"
            )
        }
    }

    /// A harness beside `page` that runs `steps` (JavaScript over `d`, the page's document,
    /// and `w`, its window; it returns a JSON-able value) once the page has loaded.
    /// `scriptless`: the frame is sandboxed without `allow-scripts`, so the page's own script
    /// does not run (the harness still reads its DOM and layout): the page as read without script.
    static func harness(for page: String, steps: String, scriptless: Bool = false) throws -> String {
        let folder = (page as NSString).deletingLastPathComponent
        let path = folder + "/harness-\(UUID().uuidString).html"
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>harness</title></head><body>
            <iframe id="f"\(scriptless ? " sandbox=\"allow-same-origin\"" : "") src="\((page as NSString).lastPathComponent)" style="width:1280px;height:900px"></iframe>
            <pre id="out">pending</pre>
            <script>
            document.getElementById("f").addEventListener("load", function () {
              var w = this.contentWindow, d = this.contentDocument, out = document.getElementById("out");
              try { out.textContent = JSON.stringify((function () { \(steps) })()); } catch (e) { out.textContent = "ERROR " + e; }
            });
            </script></body></html>
            """
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// What the harness reported, parsed.
    static func report(_ harness: String) throws -> [String: Any] {
        // On a loaded machine a 10,000-row frame may not have fired its load event when the
        // virtual time budget ends ("pending"): the same page is asked again with a longer budget.
        var text = "pending"
        for budget in [20_000, 60_000, 180_000] where text == "pending" {
            let dom = try Browser.dumpDOM(harness, extra: ["--allow-file-access-from-files"], budgetMilliseconds: budget)
            let start = try #require(dom.range(of: "<pre id=\"out\">"))
            let end = try #require(dom[start.upperBound...].range(of: "</pre>"))
            text = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        }
        try #require(!text.hasPrefix("ERROR") && text != "pending", "the harness says: \(text)")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static let rowSteps = """
        function visible() { return Array.prototype.filter.call(d.querySelectorAll("#sessions tbody tr"), function (r) { return !r.hidden; }); }
        function set(id, value, event) { var e = d.getElementById(id); e.value = value; e.dispatchEvent(new w.Event(event)); }
        function sorted(rows, col, desc) {
          var keys = rows.map(function (r) { return parseFloat(r.cells[col].getAttribute("data-sort")); }).filter(function (k) { return !isNaN(k); });
          for (var i = 1; i < keys.length; i++) { if (desc ? keys[i - 1] < keys[i] : keys[i - 1] > keys[i]) { return false; } }
          return true;
        }
        var heads = Array.prototype.map.call(d.querySelectorAll("#sessions thead th"), function (th) { return th.textContent.replace(/[^A-Za-z]+$/, ""); });
        var started = heads.indexOf("Started"), tokens = heads.indexOf("Tokens");
        var r = { rows: visible().length, boxShown: !d.getElementById("filter").hidden, newestFirst: sorted(visible(), started, true),
                  totalInitially: d.getElementById("total-count").textContent };
        set("filter-source", "research", "change");
        r.research = visible().length;
        r.researchAll = visible().every(function (row) { return row.getAttribute("data-source") === "research"; });
        r.researchTotal = d.getElementById("total-count").textContent;
        r.researchTokens = d.getElementById("total-tokens").textContent;
        set("filter-status", "failed", "change");
        r.researchFailed = visible().length;
        set("filter-from", "2026-03-01", "input");
        set("filter-to", "2026-05-31", "input");
        r.researchFailedSpring = visible().length;
        r.inRange = visible().every(function (row) { var x = row.getAttribute("data-day"); return x >= "2026-03-01" && x <= "2026-05-31"; });
        set("filter-source", "", "change"); set("filter-status", "", "change"); set("filter-from", "", "input"); set("filter-to", "", "input");
        set("filter-agent", "Ada (agt_1)", "change");
        r.ada = visible().length;
        set("filter-agent", "", "change");
        d.querySelectorAll("#sessions thead th button")[tokens].click();
        r.tokensAscending = sorted(visible(), tokens, false);
        r.tokensSortState = d.querySelectorAll("#sessions thead th")[tokens].getAttribute("aria-sort");
        d.querySelectorAll("#sessions thead th button")[tokens].click();
        r.tokensDescending = sorted(visible(), tokens, true);
        r.after = visible().length;
        return r;
        """

    @Test func filtersSortingAndTotalsOnAnIndexOf10000Sessions() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let entries = Self.entries(10_000)
        let page = tmp.path + "/index.html"
        #expect(try IndexPage.write(to: page, title: "10,000 sessions", subtitle: "synthetic", entries: entries, options: RenderOptions(software: "test")))
        let r = try Self.report(try Self.harness(for: page, steps: Self.rowSteps))
        func day(_ e: IndexEntry) -> String? { e.started.map { String($0.prefix(10)) } }
        let research = entries.filter { $0.source == "research" }
        let failed = research.filter { $0.status.hasPrefix("failed (") }
        let spring = failed.filter { day($0).map { $0 >= "2026-03-01" && $0 <= "2026-05-31" } ?? false }
        #expect(r["rows"] as? Int == 10_000)
        #expect(r["boxShown"] as? Bool == true)
        #expect(r["newestFirst"] as? Bool == true)
        #expect(r["totalInitially"] as? String == "10000 sessions")
        #expect(r["research"] as? Int == research.count)
        #expect(r["researchAll"] as? Bool == true)
        #expect(r["researchTotal"] as? String == "\(research.count) sessions")
        #expect(r["researchTokens"] as? String == DisplayFormat.grouped(research.compactMap(\.tokens).reduce(0, +)))
        #expect(r["researchFailed"] as? Int == failed.count)
        #expect(r["researchFailedSpring"] as? Int == spring.count)
        #expect(spring.count > 0)
        #expect(r["inRange"] as? Bool == true)
        #expect(r["ada"] as? Int == entries.filter { $0.agent == "Ada (agt_1)" }.count)
        #expect(r["tokensAscending"] as? Bool == true)
        #expect(r["tokensSortState"] as? String == "ascending")
        #expect(r["tokensDescending"] as? Bool == true)
        #expect(r["after"] as? Int == 10_000)

        // Without script every row is there and shown, the totals row counts them all and the
        // filter box stays hidden.
        let plain = try Self.report(try Self.harness(for: page, steps: """
            var rows = d.querySelectorAll("#sessions tbody tr");
            return { rows: rows.length, shown: Array.prototype.filter.call(rows, function (r) { return r.offsetHeight > 0; }).length,
                     box: d.getElementById("filter").offsetHeight, total: d.getElementById("total-count").textContent,
                     sortButtons: d.querySelectorAll("#sessions thead th button").length };
            """, scriptless: true))
        #expect(plain["rows"] as? Int == 10_000)
        #expect(plain["shown"] as? Int == 10_000)
        #expect(plain["box"] as? Int == 0)
        #expect(plain["total"] as? String == "10000 sessions")
        #expect(plain["sortButtons"] as? Int == 0, "the page's script ran in the sandboxed frame")
    }

    /// The cumulative index of 10,000 sessions: month pages, each newest first and filterable.
    @Test func cumulativeIndexOf10000SessionsSplitsIntoMonths() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let entries = IndexPage.newestFirst(Self.entries(10_000)).map { e -> IndexEntry in
            var e = e
            e.link = "\(e.source)/20261101T000000Z/data/" + (e.link ?? "")
            return e
        }
        var writer = CumulativeIndexWriter(outputDirectory: tmp.path, options: RenderOptions(software: "test"))
        for e in entries { try writer.add(e) }
        let front = try writer.finish(runs: [])
        let months = Set(entries.map { CumulativeIndexWriter.monthKey($0.started) })
        let pages = try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasPrefix("index-") }
        #expect(Set(pages) == Set(months.map(CumulativeIndexWriter.pageName(month:))))
        let frontHTML = try read(front)
        for m in months { #expect(frontHTML.contains("href=\"\(CumulativeIndexWriter.pageName(month: m))\"")) }
        #expect(frontHTML.components(separatedBy: "<tr data-source=").count - 1 == CumulativeIndexWriter.frontPageSessions)
        #expect(frontHTML.contains("<svg class=\"chart\""))
        // Every session is on exactly one month page.
        var total = 0
        for p in pages { total += try read(tmp.path + "/" + p).components(separatedBy: "<tr data-source=").count - 1 }
        #expect(total == 10_000)
        let march = tmp.path + "/" + CumulativeIndexWriter.pageName(month: "2026-03")
        let r = try Self.report(try Self.harness(for: march, steps: """
            var rows = Array.prototype.slice.call(d.querySelectorAll("#sessions tbody tr"));
            var s = d.getElementById("filter-source"); s.value = "ops"; s.dispatchEvent(new w.Event("change"));
            return { rows: rows.length, ops: rows.filter(function (r) { return !r.hidden; }).length,
                     days: rows.map(function (r) { return r.getAttribute("data-day"); }) };
            """))
        let inMarch = entries.filter { CumulativeIndexWriter.monthKey($0.started) == "2026-03" }
        #expect(r["rows"] as? Int == inMarch.count)
        #expect(r["ops"] as? Int == inMarch.filter { $0.source == "ops" }.count)
        let days = try #require(r["days"] as? [String])
        #expect(days == days.sorted(by: >), "newest first")
    }

    @Test func transcriptCollapsesAndExpandsAndReadsWithoutScript() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path)
        let bag = try #require(try bags(in: tmp.path, source: "managed-agents-sample").first)
        let page = try SamplePagesTests.representative(bag)
        let r = try Self.report(try Self.harness(for: page, steps: """
            function all() { return d.querySelectorAll("#events details"); }
            function open() { return Array.prototype.filter.call(all(), function (x) { return x.open; }).length; }
            var r = { details: all().length, openAtFirst: open(), toolCallsOpen: Array.prototype.every.call(d.querySelectorAll("details.tool-call"), function (x) { return x.open; }),
                      buttons: !!d.getElementById("expand-all") && !!d.getElementById("collapse-all") };
            d.getElementById("collapse-all").click(); r.afterCollapse = open();
            d.getElementById("expand-all").click(); r.afterExpand = open();
            return r;
            """))
        let details = try #require(r["details"] as? Int)
        #expect(details >= 3)
        #expect(r["buttons"] as? Bool == true)
        #expect(r["toolCallsOpen"] as? Bool == true)
        #expect((r["openAtFirst"] as? Int).map { $0 > 0 && $0 < details } == true, "tool calls open, thinking closed")
        #expect(r["afterCollapse"] as? Int == 0)
        #expect(r["afterExpand"] as? Int == details)
        // Without script: the tool call's input, its result and the highlighted code are shown
        // (laid out, not only present); the buttons are not there (they need script).
        let plain = try Self.report(try Self.harness(for: page, steps: """
            function shown(sel) { var e = d.querySelector(sel); return !!e && e.offsetHeight > 0; }
            return { buttons: !!d.getElementById("expand-all"), callInput: shown("details.tool-call pre"), result: shown("details.tool-result pre"),
                     pair: shown("p.pair a"), code: shown("pre.language-swift .hl-k"), label: shown(".code-lang"), image: shown("figure.artifact img"),
                     keyword: getComputedStyle(d.querySelector(".hl-k")).color !== getComputedStyle(d.querySelector("pre.language-swift code")).color,
                     text: d.body.innerText.indexOf("orders_lookup") >= 0 };
            """, scriptless: true))
        #expect(plain["buttons"] as? Bool == false)
        for key in ["callInput", "result", "pair", "code", "label", "image", "keyword", "text"] { #expect(plain[key] as? Bool == true, "\(key)") }
    }
}
