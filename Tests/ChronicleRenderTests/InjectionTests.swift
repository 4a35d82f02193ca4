import ChronicleCommands
import ChronicleGzip
import ChronicleHTMLSafety
import ChronicleJSON
import ChronicleTestSupport
@testable import ChronicleRender
import Foundation
import Testing

/// The injection corpus in every field of a session, exported, rendered, shared, and opened in
/// a real browser: nothing runs, nothing loads.
@Suite("Injection corpus", .serialized)
struct InjectionTests {
    static let secrets = [
        "sk-proj-" + String(repeating: "a1B2", count: 10), "AKIAIOSFODNN7EXAMPLE", "bob.secret@example.com",
        "ghp_" + String(repeating: "A1b2C3", count: 6),
    ]

    struct Exported {
        let tmp: TemporaryFolder
        let listener: CanaryListener
        let out: String
        let bag: String
        var transcript: String { bag + "/data/sessions/" + (files(under: bag + "/data/sessions").first ?? "") }
    }

    func exportTree(extraArguments: [String] = []) async throws -> Exported {
        let tmp = try TemporaryFolder()
        let listener = try CanaryListener(folder: tmp.path)
        try InjectionTree(root: tmp.path + "/tree", port: listener.port).build(secrets: Self.secrets)
        let out = tmp.path + "/out"
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + tmp.path + "/tree", "--out", out] + extraArguments)
        #expect(status == 0)
        let bag = try #require(try bags(in: out, source: "vectara").first)
        return Exported(tmp: tmp, listener: listener, out: out, bag: bag)
    }

    @Test func pagesKeepEveryPayloadInert() async throws {
        let e = try await exportTree()
        defer { e.listener.stop(); e.tmp.remove() }
        let transcript = try read(e.transcript)
        PageChecks.check(transcript, page: "transcript", script: try TemplateSet.embedded.asset("transcript.js"))
        PageChecks.check(try read(e.bag + "/data/index.html"), page: "run index", script: try TemplateSet.embedded.asset("index.js"))
        PageChecks.check(try read(e.out + "/index.html"), page: "cumulative index", script: try TemplateSet.embedded.asset("index.js"))
        // The payloads are shown as text, Mustache braces included.
        #expect(transcript.contains("&lt;script&gt;document.title="))
        #expect(transcript.contains("{{x}} {{{x}}} {{&gt; transcript}}"))
        #expect(transcript.contains("unknown event type"))
        #expect(transcript.contains("class=\"event assistant_message hidden\""))
        // Markdown rendered as GitHub does: table, strikethrough, task list.
        #expect(transcript.contains("<table>") && transcript.contains("<del>struck</del>"))
        #expect(transcript.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\">") || transcript.contains("type=\"checkbox\""))
        // SVG only through <img>, and links to it and to the HTML artifact download.
        #expect(PageChecks.matches(#"<img src="\.\./\.\./artifacts/[0-9a-f]{64}\.svg""#, in: transcript).count >= 1)
        #expect(PageChecks.matches(#"<a href="\.\./\.\./artifacts/[0-9a-f]{64}\.(svg|html)" download>"#, in: transcript).count >= 2)
    }

    @Test func redactionCoversHTMLButNotTheArchive() async throws {
        let e = try await exportTree()
        defer { e.listener.stop(); e.tmp.remove() }
        let pages = [try read(e.transcript), try read(e.bag + "/data/index.html")]
        for page in pages {
            for secret in Self.secrets { #expect(!page.contains(secret), "\(secret) in a page") }
        }
        #expect(pages[0].contains("[REDACTED:openai-key]") && pages[0].contains("[REDACTED:email]"))
        let run = try JSONParser.parse(Array(try read(e.bag + "/data/run.json").utf8))
        let counts = try #require(run["redactions"])
        #expect((counts["openai-key"]?.int64Value ?? 0) >= 1)
        #expect((counts["aws-access-key"]?.int64Value ?? 0) >= 1)
        // The archive stays lossless.
        let archive = try #require(files(under: e.bag + "/data/archive").first)
        var bytes: [UInt8] = []
        _ = try GzipStrictReader.read(path: e.bag + "/data/archive/" + archive) { bytes.append(contentsOf: $0) }
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in Self.secrets { #expect(text.contains(secret)) }
    }

    @Test func noScriptRunsAndNothingLoadsInABrowser() async throws {
        let e = try await exportTree()
        defer { e.listener.stop(); e.tmp.remove() }
        #expect(try e.listener.selfTest(), "the canary listener does not answer")
        // The canary works: the same payload in a page without Chronicle's protection fires.
        let control = e.tmp.path + "/control.html"
        try Data("<!DOCTYPE html><html><head><title>control</title></head><body><script>\(InjectionCorpus.js(e.listener.port))</script></body></html>".utf8)
            .write(to: URL(fileURLWithPath: control))
        let controlDOM = try Browser.dumpDOM(control)
        #expect(controlDOM.contains("id=\"pwned\""), "the canary did not fire in the control page")
        try await Task.sleep(for: .milliseconds(300))
        #expect(e.listener.requests.contains("GET /js"))
        let before = e.listener.requests.count

        let shared = e.tmp.path + "/shared.html"
        #expect(try ShareCommand.parse([e.bag, InjectionTree.sessionID, "-o", shared]).execute() == 0)
        let rendered = e.tmp.path + "/rendered"
        #expect(try RenderCommand.parse([e.bag, "--out", rendered]).execute() == 0)
        let pages = [e.transcript, e.bag + "/data/index.html", e.out + "/index.html", shared, rendered + "/index.html"]
            + files(under: rendered).filter { $0.hasSuffix("transcript.html") }.map { rendered + "/" + $0 }
        for page in pages {
            let dom = try Browser.dumpDOM(page)
            #expect(!dom.contains("id=\"pwned\""), "a script ran in \(page)")
            #expect(!dom.contains("<title>PWNED"), "a script ran in \(page)")
            #expect(!dom.contains("<iframe") && !dom.contains("<form") && !dom.contains("<base"), "\(page)")
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(e.listener.requests.count == before, "requests left the pages: \(e.listener.requests.dropFirst(before))")
    }

    @Test func shareWritesOneSelfContainedRedactedFile() async throws {
        let e = try await exportTree()
        defer { e.listener.stop(); e.tmp.remove() }
        let shared = e.tmp.path + "/shared.html"
        #expect(try ShareCommand.parse([e.bag, InjectionTree.sessionID, "-o", shared]).execute() == 0)
        let html = try read(shared)
        PageChecks.check(html, page: "shared", script: try TemplateSet.embedded.asset("transcript.js"), shared: true)
        #expect(html.contains("<img src=\"data:image/svg+xml;base64,"))
        // Every artifact within the budget is in the file: text as text, others as data: links.
        #expect(!html.contains("not embedded"))
        #expect(html.contains("<pre class=\"artifact-text\">") || html.contains("href=\"data:application/"))
        #expect(!html.contains("../../"))
        for secret in Self.secrets { #expect(!html.contains(secret)) }
        // A budget too small for the image lists it without embedding it.
        let small = e.tmp.path + "/small.html"
        #expect(try ShareCommand.parse([e.bag, InjectionTree.sessionID, "-o", small, "--image-budget", "10"]).execute() == 0)
        let smallHTML = try read(small)
        #expect(!smallHTML.contains("data:image/") && smallHTML.contains("over the size budget"))
        #expect(try ShareCommand.parse([e.bag, "no-such-session", "-o", small]).execute() == 64)
    }

    @Test func timesShowTheConfiguredZone() async throws {
        let e = try await exportTree(extraArguments: ["--timezone", "Europe/Berlin"])
        defer { e.listener.stop(); e.tmp.remove() }
        let html = try read(e.transcript)
        #expect(html.contains("<time datetime=\"2026-11-20T10:00:01.000Z\">2026-11-20 10:00:01 UTC</time>"))
        #expect(html.contains("2026-11-20 11:00:01 +01:00 Europe/Berlin"))
        #expect(try await export(["--timezone", "Mars/Olympus", "--samples", Repository.samples, "--out", e.tmp.path + "/x"]) == 64)
    }

    @Test func sanitizedMarkdownIsStable() {
        let md = InjectionCorpus.markdown(port: 9)
        let once = TranscriptView.markdown(md).html
        #expect(HTMLSanitizer.sanitize(once) == once)
        #expect(!once.contains("<script") && !once.lowercased().contains("javascript:") && !once.contains("onerror"))
    }
}
