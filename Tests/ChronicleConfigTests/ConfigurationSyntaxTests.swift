import ChronicleConfig
import Foundation
import Testing

/// Configuration files that are not TOML: one line naming the file and the line, never a crash
/// (toml++ aborted the process on the first five), never silently shortened (a NUL byte dropped
/// the rest of the file).
@Suite("Configuration: syntax")
struct ConfigurationSyntaxTests {
    static let typos: [(String, Int)] = [
        ("[", 1), ("[.]", 1), ("[..]", 1), ("[!]", 1), ("[[[\\\t[", 1), ("T=[}", 1),
        (goodConfiguration + "[", 13), ("out = \"x\"\n\n[.]", 3),
    ]

    @Test(arguments: typos.indices)
    func aTypoNamesFileAndLine(_ i: Int) throws {
        let (text, line) = Self.typos[i]
        do {
            _ = try ConfigurationLoader.parse(text, file: "/etc/chronicle.toml")
            Issue.record("\(text.debugDescription) must be refused")
        } catch let e as ConfigurationError {
            #expect(e.line == line, "\(e)")
            #expect(e.description.hasPrefix("/etc/chronicle.toml:\(line): TOML syntax error: "), "\(e)")
            #expect(isOneLine(e.description), "\(e)")
        }
    }

    /// A NUL byte in the middle of the file: an error at its line, not a shorter configuration.
    @Test func aNulByteIsAnErrorAtItsLine() throws {
        var bytes = Array(goodConfiguration.utf8)
        let redact = try #require(goodConfiguration.range(of: "[redact]"))
        let offset = goodConfiguration.utf8.distance(from: goodConfiguration.startIndex, to: redact.lowerBound)
        bytes.insert(0, at: offset - 1)  // at the end of line 8, before its line break
        let file = try ConfigurationFile(bytes)
        defer { file.remove() }
        do {
            let c = try ConfigurationLoader.load(path: file.path)
            Issue.record("loaded \(c)")
        } catch let e as ConfigurationError {
            #expect(e.line == 8, "\(e)")
            #expect(e.description.contains("NUL"), "\(e)")
            #expect(isOneLine(e.description), "\(e)")
        }
    }

    /// A NUL written as an escape is a valid TOML string, but no setting can hold it.
    @Test func aNulInAStringValueIsRefusedWithItsKey() throws {
        let text = goodConfiguration.replacingOccurrences(of: "name = \"support\"", with: "name = \"sup\\u0000port\"")
        #expect(throws: ConfigurationError(file: "f", line: 3, key: "source[1].name", message: "the string contains a NUL byte (U+0000); remove it")) {
            try ConfigurationLoader.parse(text, file: "f")
        }
        let option = goodConfiguration.replacingOccurrences(of: "history_limit = 5", with: "history_limit = \"a\\nb\"")
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(option, file: "f") }
    }

    /// A key written with escapes (`"a\nb"`) is echoed escaped: the message stays one line.
    @Test func echoedKeysAndValuesStayOnOneLine() throws {
        for text in ["\"a\\nb\\r\\u001B[2J\" = 1", "timezone = \"Europe\\nBerlin\"", "[\"x\\ny\"]"] {
            do {
                _ = try ConfigurationLoader.parse(text, file: "/etc/chronicle\n.toml")
                Issue.record("\(text) must be refused")
            } catch let e as ConfigurationError {
                #expect(isOneLine(e.description), "\(e.description.debugDescription)")
            }
        }
    }

    @Test func aFileThatIsNotUTF8NamesTheLine() throws {
        let file = try ConfigurationFile(Array("out = \"x\"\nname = \"".utf8) + [0xFF] + Array("\"\n".utf8))
        defer { file.remove() }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.load(path: file.path) }
        do { _ = try ConfigurationLoader.load(path: file.path) } catch let e as ConfigurationError {
            #expect(e.line == 2)
            #expect(e.message.contains("UTF-8"))
        }
    }
}
