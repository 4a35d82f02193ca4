@testable import ChronicleJSON
import Testing

/// Reading some members of a large object: the named ones built as `parse` builds them, the
/// others checked as strictly and skipped.
@Suite("Parsing chosen members")
struct ParseMembersTests {
    static func members(_ text: String, _ names: Set<String>) throws(JSONSyntaxError) -> [String: JSONValue] {
        try JSONParser.parseMembers(names, ofObject: Array(text.utf8))
    }

    @Test func theNamedMembersEqualWhatParseBuilds() throws {
        let text = #"{"format": "x", "agents": [{"id": "a1", "name": "Ann"}, {"id": "a2"}], "sessions": [{"id": "s", "n": [1, 2.5e3, true, null, "\u00e9\ud83d\ude00"]}], "tail": {}}"#
        let whole = try JSONParser.parse(Array(text.utf8))
        let some = try Self.members(text, ["agents", "tail", "absent"])
        #expect(some["agents"] == whole["agents"])
        #expect(some["tail"] == whole["tail"])
        #expect(some["sessions"] == nil && some["absent"] == nil && some.count == 2)
        #expect(try Self.members("{}", ["agents"]).isEmpty)
        #expect(try Self.members(" \n{\"agents\" : [] } \n", ["agents"])["agents"] == .array([]))
    }

    /// What `parse` refuses, `parseMembers` refuses too, in the members it skips as in those it builds.
    @Test func skippedMembersAreCheckedAsStrictly() {
        let bad = [
            #"{"agents": [], "sessions": [1,]}"#, #"{"agents": [], "sessions": [01]}"#, #"{"agents": [], "sessions": "\x"}"#,
            #"{"agents": [], "sessions": [}"#, #"{"agents": [] "sessions": 1}"#, #"{"agents": []} x"#, "",
            #"{"agents": [], "sessions": NaN}"#, #"{"agents": [,]}"#, #"{"agents": [], }"#,
            "{\"agents\": [], \"sessions\": \"\u{01}\"}",
        ]
        for text in bad {
            if (try? Self.members(text, ["agents"])) != nil { Issue.record("parseMembers accepted \(text.debugDescription)") }
            if (try? JSONParser.parse(Array(text.utf8))) != nil { Issue.record("parse accepted \(text.debugDescription)") }
        }
        // Well-formed JSON that is not an object has no members to read.
        for text in [#"[1, 2]"#, #""agents""#, "null"] {
            #expect(throws: JSONSyntaxError.self) { _ = try Self.members(text, ["agents"]) }
        }
    }

    /// Nesting counts the top-level object: the limit is the same as for `parse`.
    @Test func nestingLimitIsTheSame() {
        for depth in [JSONByteScanner.maxDepth - 1, JSONByteScanner.maxDepth] {
            let inner = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let text = #"{"agents": 1, "sessions": "# + inner + "}"
            let parsed = (try? JSONParser.parse(Array(text.utf8))) != nil
            let skipped = (try? Self.members(text, ["agents"])) != nil
            let built = (try? Self.members(text, ["sessions"])) != nil
            #expect(parsed == skipped && parsed == built, "depth \(depth): parse \(parsed), skipped \(skipped), built \(built)")
        }
    }
}
