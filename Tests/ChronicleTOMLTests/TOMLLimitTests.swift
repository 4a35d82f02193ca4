import ChronicleTOML
import Testing

/// Hostile documents end in an error, not a stack overflow, and take time in proportion to
/// their size.
@Suite("TOML: limits")
struct TOMLLimitTests {
    @Test func deepArraysAreRefused() {
        let deep = "a = " + String(repeating: "[", count: 100_000)
        let error = parseError(deep)
        #expect(error?.message.contains("deeper than \(TOML.maximumDepth)") == true, "\(String(describing: error))")
    }

    @Test func deepInlineTablesAreRefused() {
        let deep = "a = " + String(repeating: "{b=", count: 100_000)
        #expect(parseError(deep)?.message.contains("deeper than") == true)
    }

    @Test func longDottedKeysAndHeadersAreRefused() {
        let key = Array(repeating: "k", count: 100_000).joined(separator: ".")
        #expect(parseError(key + " = 1")?.message.contains("\(TOML.maximumDepth)") == true)
        #expect(parseError("[" + key + "]")?.message.contains("\(TOML.maximumDepth)") == true)
    }

    /// Dotted keys, headers and arrays nesting each other add up to one bound.
    @Test func nestingAddsUpAcrossHeadersKeysAndValues() {
        let header = Array(repeating: "h", count: 60).joined(separator: ".")
        let key = Array(repeating: "k", count: 60).joined(separator: ".")
        #expect(parseError("[\(header)]\n\(key) = " + String(repeating: "[", count: 20))?.message.contains("deeper than") == true)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = TOML.maximumDepth - 2
        let t = try TOML.parse("a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        var v = t["a"]?.value
        var levels = 0
        while case .array(let a)? = v {
            levels += 1
            v = a.first?.value
        }
        #expect(levels == depth)
    }

    /// A large flat document: 50,000 keys, 50,000 array elements, a long string.
    @Test func largeDocumentsParse() throws {
        var text = ""
        for i in 0..<50_000 { text += "k\(i) = \(i)\n" }
        text += "a = [" + String(repeating: "1,", count: 50_000) + "]\n"
        text += "s = \"" + String(repeating: "x", count: 250_000) + "\"\n"
        let t = try TOML.parse(text)
        #expect(t.entries.count == 50_002)
        #expect(t["k49999"]?.value == .integer(49_999))
        #expect(t["a"]?.value.array?.count == 50_000)
        #expect(t["s"]?.value.string?.count == 250_000)
    }
}
