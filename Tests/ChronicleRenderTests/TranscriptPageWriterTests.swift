import ChronicleBag
import ChronicleCore
import ChronicleRedact
@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

/// ``TranscriptPageWriter`` must write the very bytes the embedded `transcript`, `page-head`,
/// `time` and `artifact` templates render through Mustache: pages rendered both ways over
/// sessions that use every branch of the page (index link or shared copy, redaction on or off,
/// badges, unknown and known times, problems, artifacts in every state, a local zone, no
/// events) with hostile text in every field.
@Suite("Native page rendering")
struct TranscriptPageWriterTests {
    /// The embedded templates, with the page forced through Mustache (events stay native).
    static func mustachePage() throws -> TemplateSet {
        let set = try TemplateSet(files: EmbeddedTemplates.files, overridden: ["transcript.mustache"], origin: { $0 })
        #expect(!set.rendersPageNatively)
        #expect(set.rendersEventsNatively)
        return set
    }

    @Test(arguments: ["UTC", "Asia/Kolkata"])
    func sameBytesAsTheTemplates(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let mustache = try Self.mustachePage()
        #expect(TemplateSet.embedded.rendersPageNatively)
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        // Stored images for the shared copy to embed (its budget runs out part way).
        try FileManager.default.createDirectory(atPath: tmp.path + "/artifacts", withIntermediateDirectories: true)
        for c in ["a", "0", "f"] {
            let sha = String(repeating: c, count: 64)
            try Data(repeating: 0x89, count: 700).write(to: URL(fileURLWithPath: tmp.path + "/artifacts/\(sha).png"))
        }
        var rng = SplitMix64(seed: 0x9A6E)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        func text() -> String { pick(EventHTMLWriterTests.hostile) }
        func maybe(_ s: @autoclosure () -> String) -> String? { rng.next() % 3 == 0 ? nil : s() }
        func time() -> Timestamp? {
            pick([
                nil, Timestamp(original: "2026-11-20T10:00:00.123Z", epochMilliseconds: 1_795_168_800_123),
                Timestamp(original: "2026-11-20T23:59:59Z", epochMilliseconds: 1_795_219_199_000), Timestamp(original: text(), epochMilliseconds: nil),
            ])
        }
        let events = EventHTMLWriterTests.events(count: 3, seed: 0x51)
        var compared = 0
        var branches: [String: Int] = [:]
        for round in 0..<60 {
            // One page in four knows no time at all: "unknown" start and end.
            let timeless = round % 4 == 0
            let session = Session(
                id: text(), agentID: text(), agentName: maybe(text()), title: maybe(text()), status: maybe(text()),
                createdAt: timeless ? nil : time(), updatedAt: timeless ? nil : time(), running: rng.next() % 2 == 0,
                possiblyTruncated: rng.next() % 2 == 0, platformCostUSD: pick([nil, "0", "12.345", "1e400", text()]))
            var totals = SessionTotals()
            for event in events.prefix(Int(rng.next() % 4)) { totals.add(event) }
            totals.firstEvent = timeless ? nil : totals.firstEvent ?? time()
            totals.lastEvent = timeless ? nil : totals.lastEvent ?? time()
            totals.inputTokens = pick([nil, 0, 1234, Int64.max])
            if rng.next() % 2 == 0 { totals.models = (0..<Int(rng.next() % 3)).map { _ in text() } }
            let problems = (0..<Int(rng.next() % 4)).map { _ in
                ExportProblem(pick([.missing, .malformed, .invalidArtifact, .failedSession, .warning]), message: text())
            }
            let artifacts = (0..<Int(rng.next() % 5)).map { _ in
                let sha = String(repeating: pick(["a", "0", "f"]), count: 64)
                return ArtifactReference(
                    artifactID: maybe(text()), name: maybe(text()), mediaType: pick([nil, "image/png", "image/svg+xml", "text/plain", text()]),
                    size: pick([nil, 0, 1023, Int64.max]), sha256: pick([nil, sha]),
                    storedPath: pick([nil, "artifacts/\(sha).png", "../etc/passwd", text()]),
                    state: pick([.stored, .missing, .invalid, .notFetched]), problem: maybe(text()))
            }
            let source = SourceDescriptor(name: text(), platform: pick([.vectara, .guayaba]), baseURL: "file:/x")
            let mode: ArtifactMode? = pick([nil, .linked(dataPrefix: "../x/"), .embedded(dataDirectory: tmp.path, budgetBytes: 1500)])
            let redactor: Redactor = pick([.builtin, .disabled])
            let eventCount = Int(rng.next() % 3)
            let software = text()
            // Links to the sessions around it (hostile titles), on pages that have them.
            func link() -> TranscriptNeighbours.Link? {
                rng.next() % 3 == 0 ? nil : TranscriptNeighbours.Link(title: text(), href: "../" + text() + "/transcript.html")
            }
            let neighbours = TranscriptNeighbours(older: link(), newer: link())
            let started = totals.firstEvent ?? session.createdAt
            for (branch, taken) in [
                ("no start", started == nil), ("start", started?.epochMilliseconds != nil), ("start as sent", started.map { $0.epochMilliseconds == nil } ?? false), ("problems", !problems.isEmpty),
                ("artifacts", !artifacts.isEmpty), ("shared", mode.map { if case .embedded = $0 { true } else { false } } ?? false),
                ("no events", eventCount == 0), ("redaction off", !redactor.isEnabled), ("badges", session.running || session.possiblyTruncated),
                ("older and newer", neighbours.older != nil && neighbours.newer != nil), ("one link", (neighbours.older == nil) != (neighbours.newer == nil)),
            ] where taken { branches[branch, default: 0] += 1 }
            var pages: [Data] = []
            var counts: [RedactionCounts] = []
            for templates in [TemplateSet.embedded, mustache] {
                let options = RenderOptions(templates: templates, timeZone: timeZone, redactor: redactor, software: software)
                let path = tmp.path + "/page-\(round)-\(templates.rendersPageNatively).html"
                let writer = try TranscriptWriter(path: path, dataPrefix: "../../", options: options, artifactMode: mode)
                writer.syncOnFinish = false
                for event in events.prefix(eventCount) { try writer.append(event) }
                // Two steps where the page links to other sessions (a bag's, not a shared one).
                let unfinished = try writer.finishAwaitingNeighbours(
                    session: session, source: source, totals: totals, figures: SessionFigures(totals: totals), artifacts: artifacts, problems: problems)
                let shared = mode.map { if case .embedded = $0 { true } else { false } } ?? false
                #expect((unfinished == nil) == shared, "round \(round): finished at once: \(unfinished == nil), shared: \(shared)")
                #expect(FileManager.default.fileExists(atPath: path) == shared, "round \(round): in place before its links")
                let written: (sha256: String, size: Int64)
                if let unfinished {
                    written = try unfinished.finish(neighbours: neighbours, redactor: redactor)
                } else {
                    written = try #require(writer.written)
                }
                let page = try Data(contentsOf: URL(fileURLWithPath: path))
                // The digest kept across the two steps is the finished file's.
                let reread = try FileDigest.sha256(path: path)
                #expect(written.sha256 == reread.hex && written.size == reread.size && reread.size == Int64(page.count), "round \(round)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasSuffix(".partial") }.isEmpty, "round \(round): a partial file is left")
                pages.append(page)
                counts.append(writer.redactions)
            }
            if let difference = EventHTMLWriterTests.difference(pages[0], pages[1]) {
                Issue.record("round \(round): \(difference)")
                return
            }
            // The native page redacts each value once (the title shows twice); the template's
            // context redacts every key.
            for (rule, count) in counts[0].byRule {
                #expect(count <= counts[1].byRule[rule] ?? 0, "\(rule)")
            }
            #expect(counts[0].byRule.keys.sorted() == counts[1].byRule.keys.sorted())
            compared += 1
        }
        #expect(compared == 60)
        for branch in ["no start", "start", "start as sent", "problems", "artifacts", "shared", "no events", "redaction off", "badges", "older and newer", "one link"] {
            #expect(branches[branch, default: 0] > 0, "no page took the branch \(branch)")
        }
    }

    /// A `transcript` template without `{{{neighbours}}}` gets no links: its page is finished at
    /// once. One with it before `{{{events}}}` (the links are written last) is refused.
    @Test func aTemplateDecidesWhetherThePageHasLinks() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let session = Session(id: "s1", agentID: "a1", title: "One")
        let source = SourceDescriptor(name: "src", platform: .vectara, baseURL: "file:/x")
        for (template, outcome) in [("<p>{{title}}</p>{{{events}}}<p>end</p>", "at once"), ("{{{neighbours}}}{{{events}}}", "refused"), ("{{{events}}}<hr>{{{neighbours}}}<p>end</p>", "later")] {
            var files = EmbeddedTemplates.files
            files["transcript.mustache"] = template
            let set = try TemplateSet(files: files, overridden: ["transcript.mustache"], origin: { $0 })
            let path = tmp.path + "/\(outcome).html"
            let writer = try TranscriptWriter(path: path, options: RenderOptions(templates: set))
            let finish = { try writer.finishAwaitingNeighbours(session: session, source: source, totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: []) }
            switch outcome {
            case "at once":
                #expect(try finish() == nil)
                #expect(try read(path) == "<p>One</p><p>end</p>")
            case "refused":
                #expect(throws: TemplateError.self) { try finish() }
                #expect(!FileManager.default.fileExists(atPath: path))
            default:
                let page = try #require(try finish())
                #expect(!FileManager.default.fileExists(atPath: path))
                _ = try page.finish(neighbours: TranscriptNeighbours(newer: .init(title: "<Two>", href: "../b/transcript.html")), redactor: .builtin)
                #expect(try read(path) == #"<hr><nav class="neighbours" aria-label="Sessions before and after this one in the run's index"><a class="newer" rel="next" href="../b/transcript.html">Newer session: &lt;Two&gt; →</a></nav>"# + "\n<p>end</p>")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    /// The digest kept between the two steps stands for the bytes written then: a page changed in
    /// between is refused (its files removed), not finished with a digest that is not its own.
    @Test func aPageChangedBetweenTheStepsIsRefused() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = tmp.path + "/transcript.html"
        let writer = try TranscriptWriter(path: path)
        let page = try #require(try writer.finishAwaitingNeighbours(
            session: Session(id: "s1", agentID: "a1"), source: SourceDescriptor(name: "src", platform: .vectara, baseURL: "file:/x"),
            totals: SessionTotals(), figures: SessionFigures(totals: SessionTotals()), artifacts: [], problems: []))
        let handle = try #require(FileHandle(forWritingAtPath: path + ".partial"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        #expect(throws: RenderError.self) { try page.finish(neighbours: .none, redactor: .builtin) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }

    /// Overriding any template the native page stands in for sends the page through Mustache.
    @Test func anOverriddenPageTemplateTurnsTheNativePageOff() throws {
        for name in TemplateSet.nativePageTemplates {
            let set = try TemplateSet(files: EmbeddedTemplates.files, overridden: [name + ".mustache"], origin: { $0 })
            #expect(!set.rendersPageNatively, "\(name)")
        }
        let set = try TemplateSet(files: EmbeddedTemplates.files, overridden: ["style.css", "index.mustache"], origin: { $0 })
        #expect(set.rendersPageNatively)
    }

    /// Only a path Chronicle writes (`artifacts/<64 lowercase hex>.<1 to 10 of a-z0-9>`) becomes a
    /// link or an image; anything else an archive or a platform carries is shown as text.
    @Test func onlyStoredPathsBecomeLinks() {
        let hex = String(repeating: "0123456789abcdef", count: 4)
        for good in ["artifacts/\(hex).png", "artifacts/\(hex).b", "artifacts/\(hex).0123456789"] {
            #expect(ArtifactPresenter.isStoredPath(good), "\(good)")
        }
        let fullwidth = "\u{FF10}" + String(hex.dropFirst())
        for bad in [
            "", "artifacts/", "artifacts/\(hex)", "artifacts/\(hex).", "artifacts/\(hex).01234567890", "artifacts/\(hex).PNG",
            "artifacts/\(hex.uppercased()).png", "artifacts/\(hex.dropFirst()).png", "artifacts/\(hex)0.png", "artifacts/\(fullwidth).png",
            "artifacts/\(hex).p.g", "artifacts/\(hex).p/g", "/artifacts/\(hex).png", "x/artifacts/\(hex).png", "../artifacts/\(hex).png",
            "Artifacts/\(hex).png", "artifacts//\(hex).png", "artifacts/\(hex).png\u{301}", "artifacts/\(hex).pn\u{0}",
        ] {
            #expect(!ArtifactPresenter.isStoredPath(bad), "\(bad)")
        }
    }
}
