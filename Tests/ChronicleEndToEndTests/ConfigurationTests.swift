import ChronicleConfig
import ChronicleExport
import ChronicleTestSupport
import Foundation
import Testing

/// Configuration files: every kind of mistake exits 78 with the file, the line and the key; a
/// good file configures the run and flags override it.
@Suite("Configuration", .serialized)
struct ConfigurationTests {
    static let good = """
        out = "OUT"
        timezone = "Europe/Berlin"
        formats = ["html", "archive"]
        csv_bom = true

        [[source]]
        name = "support"                    # names the output folder
        platform = "vectara"
        base_url = "file:TREE"
        agents = ["agt"]
        concurrency = 8
        page_size = 50

        [source.options]
        history_limit = 5

        [redact]
        builtin = true
        patterns = ['ACME-[0-9]{6}']

        [prices."claude-sonnet-4"]
        input_per_mtok = 3
        output_per_mtok = 15.0
        """

    /// Writes `text` with OUT and TREE filled in and returns the file's path.
    static func file(_ tmp: TemporaryFolder, _ text: String, tree: String = "/nonexistent") throws -> String {
        let path = tmp.path + "/chronicle-\(UUID().uuidString.prefix(6)).toml"
        let filled = text.replacingOccurrences(of: "OUT", with: tmp.path + "/out").replacingOccurrences(of: "TREE", with: tree)
        try filled.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aGoodFileParsesIntoConfiguration() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = try Self.file(tmp, Self.good)
        let c = try ConfigurationLoader.load(path: path)
        #expect(c.out == tmp.path + "/out")
        #expect(c.timezone == "Europe/Berlin")
        #expect(c.formats == ["html", "archive"])
        #expect(c.csvBOM == true)
        #expect(c.sources.count == 1)
        #expect(c.sources.first?.name == "support")
        #expect(c.sources.first?.concurrency == 8)
        #expect(c.sources.first?.pageSize == 50)
        #expect(c.sources.first?.options == ["history_limit": "5"])
        #expect(c.sources.first?.line == 6)
        #expect(c.redact == RedactConfiguration(builtin: true, patterns: ["ACME-[0-9]{6}"]))
        #expect(c.prices["claude-sonnet-4"] == PriceOverride(inputPerMillion: 3, outputPerMillion: 15))
    }

    /// (mutation of the good file, expected line, expected key)
    static let mistakes: [(String, String, Int, String)] = [
        ("concurrency = 8", "concurency = 8", 11, "source[1].concurency"),
        ("csv_bom = true", "csv-bom = true", 4, "csv-bom"),
        ("patterns = ['ACME-[0-9]{6}']", "pattern = ['ACME-[0-9]{6}']", 19, "redact.pattern"),
        ("output_per_mtok = 15.0", "output_per_token = 15.0", 23, "prices.claude-sonnet-4.output_per_token"),
        ("concurrency = 8", "concurrency = \"8\"", 11, "source[1].concurrency"),
        ("concurrency = 8", "concurrency = 0", 11, "source[1].concurrency"),
        ("csv_bom = true", "csv_bom = \"yes\"", 4, "csv_bom"),
        ("formats = [\"html\", \"archive\"]", "formats = \"html\"", 3, "formats"),
        ("formats = [\"html\", \"archive\"]", "formats = [\"html\", \"pdf\"]", 3, "formats"),
        ("timezone = \"Europe/Berlin\"", "timezone = \"Mars/Olympus\"", 2, "timezone"),
        ("platform = \"vectara\"", "platform = \"nope\"", 8, "source[1].platform"),
        ("platform = \"vectara\"\n", "", 6, "source[1].platform"),
        ("name = \"support\"                    # names the output folder\n", "", 6, "source[1].name"),
        ("base_url = \"file:TREE\"\n", "", 6, "source[1].base_url"),
        ("history_limit = 5", "history_limit = [5]", 15, "source[1].options.history_limit"),
    ]

    @Test(arguments: 0..<mistakes.count)
    func eachMistakeNamesFileLineAndKey(_ index: Int) async throws {
        let (from, to, line, key) = Self.mistakes[index]
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(Self.good.contains(from))
        let path = try Self.file(tmp, Self.good.replacingOccurrences(of: from, with: to))
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: path) }
        do {
            _ = try ConfigurationLoader.load(path: path)
        } catch let e as ConfigurationError {
            #expect(e.file == path)
            #expect(e.line == line, "\(e)")
            #expect(e.key == key, "\(e)")
            #expect(e.description.hasPrefix("\(path):\(line): key '\(key)'"))
        }
        #expect(try await export(["--config", path]) == 78)
    }

    @Test func syntaxErrorsAndMissingEnvironmentExit78WithTheLine() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let broken = try Self.file(tmp, Self.good.replacingOccurrences(of: "page_size = 50", with: "page_size = "))
        do {
            _ = try ConfigurationLoader.load(path: broken)
            Issue.record("a syntax error must throw")
        } catch let e as ConfigurationError {
            #expect(e.line == 12, "\(e)")
        }
        #expect(try await export(["--config", broken]) == 78)
        // The real binary prints one line naming file, line and key.
        let unknown = try Self.file(tmp, Self.good.replacingOccurrences(of: "agents = [\"agt\"]", with: "agent = [\"agt\"]"))
        let r = try run(BinaryMemoryTests.binary, ["export", "--config", unknown])
        #expect(r.status == 78)
        #expect(r.output.contains("\(unknown):10: key 'source[1].agent'"), "\(r.output)")
        // A token_env that is not set: 78 naming the key.
        let tree = tmp.path + "/tree"
        try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        let env = try Self.file(tmp, Self.good.replacingOccurrences(of: "agents = [\"agt\"]", with: "token_env = \"CHRONICLE_TEST_NOT_SET\""), tree: tree)
        let r2 = try run(BinaryMemoryTests.binary, ["export", "--config", env], environment: ["PATH": "/usr/bin:/bin"])
        #expect(r2.status == 78)
        #expect(r2.output.contains("key 'source[1].token_env'"), "\(r2.output)")
    }

    /// The typos that aborted the process inside toml++ (exit 134), a NUL byte (which dropped
    /// the rest of the file), prices that were ignored, a missing file: the real binary exits 78
    /// with one line naming the file and the line.
    @Test func brokenFilesExit78WithOneLineFromTheBinary() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let cases: [([UInt8], String)] = [
            (Array("[".utf8), ":1: TOML syntax error"),
            (Array("[.]".utf8), ":1: TOML syntax error"),
            (Array("[..]".utf8), ":1: TOML syntax error"),
            (Array("[!]".utf8), ":1: TOML syntax error"),
            (Array("[[[\\\t[".utf8), ":1: TOML syntax error"),
            (Array("T=[}".utf8), ":1: TOML syntax error"),
            (Array(Self.good.utf8.prefix(20)) + [0] + Array(Self.good.utf8.dropFirst(20)), ":2: TOML syntax error"),
            (Array(Self.good.replacingOccurrences(of: "input_per_mtok = 3", with: "input_per_mtok = inf").utf8), ":22: key 'prices.claude-sonnet-4.input_per_mtok'"),
            (Array(Self.good.replacingOccurrences(of: "input_per_mtok = 3", with: "input_per_mtok = 1e-300").utf8), ":22: key 'prices.claude-sonnet-4.input_per_mtok'"),
            (Array(Self.good.replacingOccurrences(of: "concurrency = 8", with: "concurency = 8").utf8), ":11: key 'source[1].concurency': unknown key; did you mean 'concurrency'?"),
            (Array("\"a\\nb\" = 1".utf8), ":1: key 'a\\nb': unknown key"),
        ]
        for (bytes, expected) in cases {
            let path = tmp.path + "/c-\(UUID().uuidString.prefix(6)).toml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let r = try run(BinaryMemoryTests.binary, ["export", "--config", path, "--out", tmp.path + "/out"])
            #expect(r.status == 78, "\(r.output)")
            #expect(r.output.hasPrefix("chronicle: \(path)\(expected)"), "\(r.output)")
            #expect(r.output.filter { $0 == "\n" }.count == 1 && r.output.hasSuffix("\n"), "\(r.output.debugDescription)")
        }
        let missing = tmp.path + "/missing.toml"
        let r = try run(BinaryMemoryTests.binary, ["export", "--config", missing])
        #expect(r.status == 78)
        #expect(r.output == "chronicle: \(missing): the configuration file cannot be read: no such file (check the --config path)\n", "\(r.output)")
    }

    @Test func configuredSourcesRunAndFlagsOverrideTheFile() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.touch("a", addEvents: 2, minute: 1)
        try tree.write()
        let text = """
            out = "OUT"
            [[source]]
            name = "one"
            platform = "vectara"
            base_url = "file:TREE"
            [[source]]
            name = "two"
            platform = "vectara"
            base_url = "file:TREE"
            """
        let path = try Self.file(tmp, text, tree: tree.root)
        #expect(try await export(["--config", path, "--source", "two"]) == 0)
        #expect(((try? bags(in: tmp.path + "/out", source: "one")) ?? []).isEmpty)
        #expect(try bags(in: tmp.path + "/out", source: "two").count == 1)
        // --out overrides the file's out.
        #expect(try await export(["--config", path, "--out", tmp.path + "/elsewhere"]) == 0)
        #expect(try bags(in: tmp.path + "/elsewhere", source: "one").count == 1)
        #expect(try await export(["--config", path, "--source", "three"]) == 64)
    }
}
