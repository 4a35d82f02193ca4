import ChronicleConfig
import Testing

/// Unknown keys name the closest known key, like a mistyped flag; values name their TOML type.
@Suite("Configuration: keys")
struct ConfigurationKeyTests {
    static func error(_ from: String, _ to: String) -> ConfigurationError? {
        do {
            _ = try ConfigurationLoader.parse(goodConfiguration.replacingOccurrences(of: from, with: to), file: "/c.toml")
            Issue.record("\(to) must be refused")
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    static let typos: [(from: String, to: String, line: Int, key: String, suggestion: String)] = [
        ("concurrency = 8", "concurency = 8", 6, "source[1].concurency", "concurrency"),
        ("out =", "ouy =", 1, "ouy", "out"),
        ("base_url =", "base-url =", 5, "source[1].base-url", "base_url"),
        ("builtin = true", "bulitin = true", 10, "redact.bulitin", "builtin"),
        ("input_per_mtok", "input_per_mtk", 12, "prices.claude-sonnet-4.input_per_mtk", "input_per_mtok"),
        ("platform =", "Platform =", 4, "source[1].Platform", "platform"),
    ]

    @Test(arguments: typos.indices)
    func aMistypedKeyGetsASuggestion(_ i: Int) {
        let t = Self.typos[i]
        guard let e = Self.error(t.from, t.to) else { return }
        #expect(e.line == t.line, "\(e)")
        #expect(e.key == t.key, "\(e)")
        #expect(e.message.hasPrefix("unknown key; did you mean '\(t.suggestion)'? expected one of "), "\(e)")
        #expect(e.description.hasPrefix("/c.toml:\(t.line): key '\(t.key)': unknown key; did you mean '\(t.suggestion)'?"))
    }

    /// Table headers are keys too: `[[sources]]` and `[redcat]` are caught at their line with
    /// the table they meant.
    @Test func aMistypedTableNameGetsASuggestion() {
        let sources = Self.error("[[source]]", "[[sources]]")
        #expect(sources?.key == "sources", "\(String(describing: sources))")
        #expect(sources?.message.hasPrefix("unknown key; did you mean 'source'?") == true, "\(String(describing: sources))")
        let redact = Self.error("[redact]", "[redcat]")
        #expect(redact?.message.hasPrefix("unknown key; did you mean 'redact'?") == true, "\(String(describing: redact))")
        #expect(redact?.line == 9, "\(String(describing: redact))")
    }

    /// A mistyped platform is a value, not a key, but gets the same help.
    @Test func aMistypedPlatformGetsASuggestion() {
        let e = Self.error("platform = \"vectara\"", "platform = \"vectra\"")
        #expect(e?.key == "source[1].platform", "\(String(describing: e))")
        #expect(e?.message.hasPrefix("unknown platform 'vectra'; did you mean 'vectara'? use one of ") == true, "\(String(describing: e))")
    }

    @Test func anUnrelatedKeyGetsNoSuggestion() {
        let e = Self.error("concurrency = 8", "colour = 8")
        #expect(e?.message.hasPrefix("unknown key; expected one of name, platform") == true, "\(String(describing: e))")
    }

    @Test func theWrongTypeIsNamed() {
        let e = Self.error("concurrency = 8", "concurrency = 1979-05-27")
        #expect(e?.message == "expected an integer, found a value of type local date")
    }

    /// Sources written as an array of inline tables get the same checks and lines.
    @Test func inlineSourcesHaveTheirLines() throws {
        let text = "out = \"/o\"\nsource = [\n  {name = \"a\", platform = \"vectara\", base_url = \"file:/x\"},\n  {name = \"a\", platform = \"vectara\", base_url = \"file:/y\"},\n]"
        #expect(throws: ConfigurationError(file: "f", line: 4, key: "source[2].name", message: "a second source is named 'a'; names must be unique")) {
            try ConfigurationLoader.parse(text, file: "f")
        }
    }
}
