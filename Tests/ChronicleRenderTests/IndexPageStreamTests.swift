@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

/// `IndexPage.write` streams rows natively; the page must be the very bytes the templates
/// render for the whole list.
@Suite("Streamed index pages")
struct IndexPageStreamTests {
    static func entries(_ count: Int, sources: [String]) -> [IndexEntry] {
        let hostile = EventHTMLWriterTests.hostile
        return (0..<count).map { i in
            IndexEntry(
                source: sources[i % sources.count], title: hostile[i % hostile.count], sessionID: "s\(i)", agent: hostile[(i + 3) % hostile.count],
                started: i % 4 == 0 ? nil : (i % 4 == 1 ? "2026-11-20T10:00:00Z" : hostile[i % hostile.count]), durationSeconds: i % 3 == 0 ? nil : Int64(i * 61),
                messages: i, events: i * 2, tokens: i % 5 == 0 ? nil : Int64(i) * 1_000_003, status: hostile[(i + 7) % hostile.count] + " (run x)",
                link: i % 6 == 0 ? nil : (i % 6 == 1 ? "javascript:alert(1)" : "sessions/s\(i)/transcript.html?\(hostile[i % hostile.count])"),
                cost: i % 2 == 0 ? nil : "0.\(i)"
            )
        }
    }

    /// Templates from a folder are rendered whole, and give the same page.
    @Test func templatesFromAFolderRenderTheWholePage() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try Data(EmbeddedTemplates.files["sessions-table.mustache", default: ""].utf8).write(to: URL(fileURLWithPath: tmp.path + "/sessions-table.mustache"))
        let options = RenderOptions(templates: try TemplateSet.load(directory: tmp.path))
        #expect(!options.templates.rendersIndexRowsNatively)
        let entries = Self.entries(40, sources: ["a", "b"])
        let path = tmp.path + "/index.html"
        #expect(try IndexPage.write(to: path, title: "T", subtitle: "S", entries: entries, options: options) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try IndexPage.render(title: "T", subtitle: "S", entries: entries, options: options)))
    }

    @Test(arguments: [0, 1, 3, 2500])
    func sameBytesAsTheTemplates(count: Int) throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        for (sources, zone, upLink) in [(["one"], "UTC", String?.none), (["one", "two <b>"], "Europe/Berlin", "../../index.html")] {
            let options = RenderOptions(timeZone: try #require(TimeZone(identifier: zone)), software: "chronicle test")
            #expect(options.templates.rendersIndexRowsNatively)
            let entries = Self.entries(count, sources: sources)
            let whole = try IndexPage.render(title: "T <i>", subtitle: "S & s", entries: entries, options: options, upLink: upLink)
            let path = tmp.path + "/index.html"
            let streamed = try IndexPage.write(to: path, title: "T <i>", subtitle: "S & s", entries: entries, options: options, upLink: upLink)
            #expect(streamed, "the embedded templates stream their rows")
            let written = try String(contentsOfFile: path, encoding: .utf8)
            #expect(written == whole, "\(sources.count) sources, \(count) rows")
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["index.html"])
        }
    }
}
