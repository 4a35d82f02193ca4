@testable import ChronicleConfig
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A configuration file that cannot be read says why.
@Suite("Configuration: reading the file")
struct ConfigurationFileReadingTests {
    static func message(_ path: String) -> String? {
        do {
            _ = try ConfigurationLoader.load(path: path)
            Issue.record("\(path) loaded")
            return nil
        } catch {
            return (error as? ConfigurationError)?.description
        }
    }

    @Test func aMissingFile() throws {
        let file = try ConfigurationFile(goodConfiguration)
        defer { file.remove() }
        let path = file.folder + "/missing.toml"
        #expect(Self.message(path) == "\(path): the configuration file cannot be read: no such file (check the --config path)")
    }

    @Test func aDirectory() throws {
        let file = try ConfigurationFile(goodConfiguration)
        defer { file.remove() }
        #expect(Self.message(file.folder) == "\(file.folder): the configuration file cannot be read: it is a directory; give the path of a TOML file")
    }

    @Test func aPathThroughAFile() throws {
        let file = try ConfigurationFile(goodConfiguration)
        defer { file.remove() }
        #expect(Self.message(file.path + "/x.toml")?.hasSuffix("cannot be read: a part of the path is not a directory") == true)
    }

    /// Permission denied cannot be produced for root (tests may run as root): the reason for
    /// the error number is checked instead.
    @Test func permissionDeniedIsNamed() {
        #expect(ConfigurationFileReader.reason(EACCES) == "permission denied (the user running chronicle needs read access)")
    }

    @Test func anEndlessFileIsCutShort() throws {
        let message = Self.message("/dev/zero")
        #expect(message?.contains("larger than 4 MiB") == true, "\(String(describing: message))")
    }

    @Test func aGoodFileLoads() throws {
        let file = try ConfigurationFile(goodConfiguration)
        defer { file.remove() }
        let c = try ConfigurationLoader.load(path: file.path)
        #expect(c.sources.map(\.name) == ["support"])
        #expect(c.sources.first?.line == 2)
        #expect(c.sources.first?.concurrency == 8)
        #expect(c.sources.first?.options == ["history_limit": "5"])
        #expect(c.redact == RedactConfiguration(builtin: true, patterns: []))
        #expect(c.prices["claude-sonnet-4"] == PriceOverride(inputPerMillion: 3))
    }
}
