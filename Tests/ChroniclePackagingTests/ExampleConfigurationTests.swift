import ChronicleConfig
import ChronicleTestSupport
import Foundation
import Testing

/// packaging/chronicle.toml, installed as /etc/chronicle/chronicle.toml: it must parse as it is
/// shipped, and every setting it shows commented out (`#key = …`, `#[table]`) must parse too once
/// uncommented, so an administrator who uncomments a line gets a working file.
@Suite("The packaged example configuration")
struct ExampleConfigurationTests {
    static var path: String { Repository.root + "/packaging/chronicle.toml" }

    @Test func parsesAsShipped() throws {
        let config = try ConfigurationLoader.load(path: Self.path)
        #expect(config.out == "/var/lib/chronicle")
        #expect(config.formats == ["html", "csv", "archive"])
        #expect(config.sources.isEmpty, "no source is active until the administrator names one")
    }

    @Test func everyCommentedSettingParsesWhenUncommented() throws {
        let text = try read(Self.path)
        var uncommented = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            // A commented setting: `#` directly followed by a key or a table header; notes are `# …`.
            guard line.hasPrefix("#"), let next = line.dropFirst().first, next.isLetter || next == "[" else { return line }
            uncommented += 1
            return line.dropFirst()
        }
        #expect(uncommented >= 20)
        let config = try ConfigurationLoader.parse(lines.joined(separator: "\n"), file: Self.path)
        #expect(config.timezone == "Europe/Berlin")
        #expect(config.csvBOM == false)
        #expect(config.sources.map(\.name) == ["support", "research"])
        #expect(config.sources.map(\.platform.rawValue) == ["vectara", "managed-agents"])
        #expect(config.sources.first?.tokenFile == "/run/credentials/chronicle-export.service/token_vectara.key")
        #expect(config.redact?.patterns == ["ACME-[0-9]{6}"])
        #expect(config.prices["claude-sonnet-4"]?.outputPerMillion == 15.0)
    }

    /// The token files the example names are where the unit's LoadCredential= puts them.
    @Test func tokenFilesAreWhereTheUnitLoadsThem() throws {
        let unit = try read(Repository.root + "/packaging/chronicle-export.service")
        #expect(unit.contains("\nLoadCredential=token:/etc/chronicle/credentials\n"))
        let text = try read(Self.path)
        let paths = text.split(separator: "\n").filter { $0.contains("token_file") }
        #expect(!paths.isEmpty)
        for line in paths {
            #expect(line.contains("\"/run/credentials/chronicle-export.service/token_"), "\(line)")
        }
    }
}
