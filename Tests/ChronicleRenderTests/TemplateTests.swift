@testable import ChronicleRender
import ChronicleTestSupport
import Foundation
import Testing

@Suite("Templates")
struct TemplateTests {
    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Repository.templates).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == EmbeddedTemplates.files.keys.sorted(), "run scripts/embed-templates")
        for name in names {
            let text = try read(Repository.templates + "/" + name)
            #expect(EmbeddedTemplates.files[name] == text, "\(name) changed: run scripts/embed-templates")
        }
    }

    @Test func embeddedTemplatesParseAndAreComplete() throws {
        let set = try TemplateSet(files: EmbeddedTemplates.files, origin: { $0 })
        for name in TemplateSet.templateNames { #expect(set.origins[name] != nil, "missing \(name)") }
        for name in TemplateSet.assetNames { #expect(set.assets[name] != nil, "missing \(name)") }
    }

    /// Triple braces insert HTML unescaped: only values Chronicle builds as TrustedHTML.
    @Test func tripleBracesOnlyForTrustedFragments() throws {
        let allowed: Set<String> = ["stylesheet", "script", "events", "html", "summary", "neighbours"]
        for (name, text) in EmbeddedTemplates.files where name.hasSuffix(".mustache") {
            var rest = Substring(text)
            while let r = rest.range(of: "{{{") {
                let after = rest[r.upperBound...]
                let end = try #require(after.range(of: "}}}"))
                #expect(allowed.contains(String(after[..<end.lowerBound])), "\(name): {{{\(after[..<end.lowerBound])}}}")
                rest = after[end.upperBound...]
            }
        }
    }

    @Test func aTemplateErrorNamesTheFileAndLine() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try Data("<p>\n{{#events}}\n<b>{{title}}</b>\n{{/oops}}\n".utf8).write(to: URL(fileURLWithPath: tmp.path + "/event.mustache"))
        do {
            _ = try TemplateSet.load(directory: tmp.path)
            Issue.record("no error")
        } catch {
            #expect(error.file == tmp.path + "/event.mustache")
            #expect(error.line == 4)
            #expect(error.description.contains("event.mustache:4"))
        }
    }

    @Test func aFolderOverridesOnlyWhatItHas() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try Data("/* custom */ body{color:red}".utf8).write(to: URL(fileURLWithPath: tmp.path + "/style.css"))
        let set = try TemplateSet.load(directory: tmp.path)
        #expect(try set.asset("style.css") == "/* custom */ body{color:red}")
        #expect(set.origins["transcript"] == "embedded templates/transcript.mustache")
        let page = try IndexPage.render(title: "T", subtitle: "S", entries: [], options: RenderOptions(templates: set))
        #expect(page.contains("/* custom */"))
    }

    @Test func theCSPAllowsExactlyTheInlineScript() throws {
        let page = try IndexPage.render(title: "T", subtitle: "S", entries: [])
        let script = try TemplateSet.embedded.asset("index.js")
        #expect(page.contains("<script>" + script + "</script>"))
        let hash = ContentSecurityPolicy.hashSource(script)
        #expect(page.contains("script-src &#39;\(hash)&#39;"))
        #expect(page.contains("default-src &#39;none&#39;"))
    }
}

@Suite("Templates on the command line", .serialized)
struct TemplateCommandLineTests {
    @Test func exportUsesATemplatesFolderAndABrokenOneExits78() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let folder = tmp.path + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("<p class=\"custom-event\">{{speaker}}</p>\n".utf8).write(to: URL(fileURLWithPath: folder + "/event.mustache"))
        #expect(try await export(["--samples", Repository.samples, "--out", tmp.path + "/out", "--templates", folder]) == 0)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara-sample").first)
        let page = try read(bag + "/data/sessions/" + (files(under: bag + "/data/sessions").first ?? ""))
        #expect(page.contains("<p class=\"custom-event\">"))
        try Data("{{#open}}never closed\n".utf8).write(to: URL(fileURLWithPath: folder + "/index.mustache"))
        #expect(try await export(["--samples", Repository.samples, "--out", tmp.path + "/out2", "--templates", folder]) == 78)
        #expect(try await export(["--samples", Repository.samples, "--out", tmp.path + "/out3", "--templates", tmp.path + "/missing"]) == 78)
    }
}
