import ChronicleCommands
import ChronicleCore
import ChronicleJSON
import ChronicleTestSupport
@testable import ChronicleRender
import Foundation
import Testing

/// The cumulative index across runs and renders, what its pages must not show, and `share`
/// as an outsider gets it.
@Suite("Cumulative index and share", .serialized)
struct CumulativeIndexTests {
    /// Rows of an index page: the session ids of its transcript links' titles are not unique,
    /// so rows are counted and their links collected.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "<tr data-source=").dropFirst().compactMap { row in
            guard let a = row.range(of: "<a href=\""), let end = row[a.upperBound...].range(of: "\"") else { return nil }
            return String(row[a.upperBound..<end.lowerBound])
        }
    }

    @Test func exportedPagesLinkRunFilesAndHoldNoAbsolutePath() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        try await exportSamples(into: out)
        let pages = files(under: out).filter { $0.hasSuffix(".html") }
        #expect(pages.count > 20)
        for page in pages {
            let html = try read(out + "/" + page)
            #expect(!html.contains(out), "\(page) shows the output folder's absolute path")
            #expect(!html.contains(tmp.path), "\(page) shows an absolute path")
        }
        let index = try read(out + "/index.html")
        // Every run's index, CSVs and run.json, relative and existing.
        for source in SamplePagesTests.sources {
            let bag = try #require(try bags(in: out, source: source).first)
            let run = URL(fileURLWithPath: bag).lastPathComponent
            for file in ["index.html", "usage/sessions.csv", "usage/daily.csv", "usage/models.csv", "run.json"] {
                #expect(index.contains("href=\"\(source)/\(run)/data/\(file)\""), "\(source): no link to \(file)")
            }
        }
        #expect(index.contains("Usage by source and agent"))
        // The summary names the same token definition as every other page, not one of its own.
        #expect(index.contains("¹ " + SessionFigures.tokensDefinition))
        #expect(!index.contains("input plus output"))
        #expect(index.contains("<svg class=\"chart\" role=\"img\""))
        // Every link of the index and of its month pages leads to a file.
        let monthPages = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("index-") && $0.hasSuffix(".html") }
        #expect(!monthPages.isEmpty)
        var rows = 0
        for page in monthPages {
            let html = try read(out + "/" + page)
            for link in Self.links(html) {
                rows += 1
                #expect(FileManager.default.fileExists(atPath: out + "/" + (link.removingPercentEncoding ?? link)), "\(page): \(link)")
            }
            #expect(html.contains("href=\"index.html\""))
        }
        let sessions = try SamplePagesTests.sources.reduce(0) { n, s in
            n + ((try readJSON(try #require(try bags(in: out, source: s).first) + "/data/run.json"))["sessions"]?.arrayValue?.count ?? 0)
        }
        #expect(rows == sessions)
        // A running session's status says so once.
        #expect(!index.contains("running, running"))
        // Agent names where the platform gives them.
        #expect(index.contains("(agent_01HSUPPORT)"))
        // A transcript links to the run's index and to the cumulative index, and both resolve.
        let bag = try #require(try bags(in: out, source: "managed-agents-sample").first)
        let transcript = try SamplePagesTests.representative(bag)
        let html = try read(transcript)
        #expect(html.contains("<a href=\"../../../../../index.html\">All exported sessions</a>"))
        let folder = (transcript as NSString).deletingLastPathComponent
        #expect(URL(fileURLWithPath: folder + "/../../../../../index.html").standardizedFileURL.path == URL(fileURLWithPath: out + "/index.html").standardizedFileURL.path)
    }

    @Test func chartMonthsAreContiguousCalendarMonths() {
        #expect(CumulativeIndexWriter.monthsEnding(at: "2026-02", count: 3) == ["2025-12", "2026-01", "2026-02"])
        #expect(CumulativeIndexWriter.monthsEnding(at: "2026-12", count: 12).first == "2026-01")
        #expect(CumulativeIndexWriter.monthKey("2026-11-30T23:00:00-05:00") == "2026-11")
        #expect(CumulativeIndexWriter.monthKey("Tue, 1 Nov") == "undated")
        #expect(CumulativeIndexWriter.monthKey(nil) == "undated")
    }

    @Test func aSecondRenderIntoTheSameFolderMergesIntoTheIndex() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path + "/out")
        let a = try #require(try bags(in: tmp.path + "/out", source: "agentscope-sample").first)
        let b = try #require(try bags(in: tmp.path + "/out", source: "vectara-sample").first)
        let rendered = tmp.path + "/rendered"
        #expect(try RenderCommand.parse([a, "--out", rendered]).execute() == 0)
        let first = Self.links(try read(rendered + "/index.html"))
        #expect(first.count == (try readJSON(a + "/data/run.json"))["sessions"]?.arrayValue?.count)
        #expect(try RenderCommand.parse([b, "--out", rendered]).execute() == 0)
        let both = Self.links(try read(rendered + "/index.html"))
        #expect(both.count == first.count + ((try readJSON(b + "/data/run.json"))["sessions"]?.arrayValue?.count ?? -1))
        #expect(Set(first).isSubset(of: Set(both)), "the second render replaced the first one's sessions")
        #expect(both.contains { $0.hasPrefix("agentscope-sample/") } && both.contains { $0.hasPrefix("vectara-sample/") })
        for link in both { #expect(FileManager.default.fileExists(atPath: rendered + "/" + (link.removingPercentEncoding ?? link)), "\(link)") }
        // Rendering the same bag again changes nothing in the list.
        #expect(try RenderCommand.parse([a, "--out", rendered]).execute() == 0)
        #expect(Set(Self.links(try read(rendered + "/index.html"))) == Set(both))
        for page in files(under: rendered).filter({ $0.hasSuffix(".html") }) {
            #expect(!(try read(rendered + "/" + page)).contains(tmp.path), "\(page) shows an absolute path")
        }
    }

    @Test func shareEmbedsTextArtifactsAndLeavesOperatorWarningsOut() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path + "/out")
        let bag = try #require(try bags(in: tmp.path + "/out", source: "managed-agents-sample").first)
        let shared = tmp.path + "/shared.html"
        #expect(try ShareCommand.parse([bag, "sess_01JREFUND", "-o", shared]).execute() == 0)
        let html = try read(shared)
        // notes.md and the CSV as readable text; the PDF as a data: link; the chart inline.
        #expect(html.contains("<pre class=\"artifact-text\">"))
        #expect(html.components(separatedBy: "<pre class=\"artifact-text\">").count - 1 == 2)
        #expect(html.contains("href=\"data:application/pdf;base64,"))
        #expect(html.contains("<img src=\"data:image/png;base64,"))
        #expect(!html.contains("not embedded"))
        // The bag's page links to the sessions around it; a page for outsiders does not.
        let transcript = try #require(try readJSON(bag + "/data/run.json")["sessions"]?.arrayValue?.first { $0["id"]?.stringValue == "sess_01JREFUND" }?["transcript"]?.stringValue)
        #expect(try read(bag + "/data/" + transcript).contains(#"<nav class="neighbours""#))
        #expect(!html.contains(#"<nav class="neighbours""#) && !html.contains("Older session") && !html.contains("Newer session"))
        // A tiny budget embeds nothing and says so.
        #expect(try ShareCommand.parse([bag, "sess_01JREFUND", "-o", shared, "--image-budget", "10"]).execute() == 0)
        #expect(try read(shared).contains("not embedded: over the size budget of this file"))

    }

    /// An operator's warning (an artifact's expiry on the platform) is on the bag's page, not on
    /// a shared one; a problem that makes the session partial is on both.
    @Test func sharedPagesLeaveOperatorWarningsOut() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let problems = [
            ExportProblem(.warning, sessionID: "s", item: "artifact a", message: "artifact 'a' expires on the platform at 2026-12-01T00:00:00Z (ttl_days 1)"),
            ExportProblem(.missing, sessionID: "s", item: "artifact b", message: "artifact 'b' vanished"),
        ]
        for (mode, shared) in [(ArtifactMode.linked(dataPrefix: "../../"), false), (.embedded(dataDirectory: tmp.path, budgetBytes: 100), true)] {
            let path = tmp.path + "/\(shared).html"
            let writer = try TranscriptWriter(path: path, artifactMode: mode)
            try writer.finish(
                session: Session(id: "s", agentID: "a"), source: SourceDescriptor(name: "src", platform: .vectara, baseURL: "file:/x"),
                totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: problems)
            let html = try read(path)
            #expect(html.contains("expires on the platform") == !shared)
            #expect(html.contains("vanished"))
        }
    }

    @Test func shareOfAnUnknownSessionListsTheBagsSessionsAndExits64() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path + "/out")
        let bag = try #require(try bags(in: tmp.path + "/out", source: "managed-agents-sample").first)
        let binary = Repository.chronicleBinary
        let r = try run(binary, ["share", bag, "sess_NOPE", "-o", tmp.path + "/x.html"])
        #expect(r.status == 64)
        #expect(r.output.contains("no session 'sess_NOPE'"))
        #expect(r.output.contains("holds 5 sessions"))
        for id in ["sess_01JREFUND", "sess_01JRESEARCH", "sess_01JCANCEL"] { #expect(r.output.contains("\"\(id)\"")) }
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/x.html"))
    }
}
