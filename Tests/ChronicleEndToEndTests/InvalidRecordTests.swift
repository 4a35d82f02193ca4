import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// One event that is not valid JSON (a raw control character in a string, invalid UTF-8) cost
/// the valid events of its page, and was not in the archive although the README said it was
/// kept raw. Now every record is kept: the bad one whole (its exact bytes) and flagged, the
/// others exported; the run is partial.
@Suite("An invalid record keeps its page", .serialized)
struct InvalidRecordTests {
    @Test func theValidEventsAroundABadOneAreExportedAndTheBadOneKept() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = tmp.path + "/tree"
        let builder = ReplayTreeBuilder(root: tree)
        try builder.build(sessions: ["s1"])
        func event(_ id: String, _ content: String) -> String {
            #"{"id": "\#(id)", "type": "agent_output", "session_key": "s1", "created_at": "2026-11-20T10:01:00Z", "content": "\#(content)"}"#
        }
        var page = Array("{\"events\": [".utf8)
        page += Array((event("aev_1", "before") + ", ").utf8)
        let bad = Array(event("aev_2", "bad\u{1}control").utf8)  // a raw control character inside a string
        let badUTF8 = Array(#"{"id": "aev_3", "type": "agent_output", "session_key": "s1", "content": "x"#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        page += bad + Array(", ".utf8) + badUTF8 + Array(", ".utf8)
        page += Array((event("aev_4", "after") + "], \"metadata\": {}}").utf8)
        try builder.write(["agents", builder.agent, "sessions", "s1", "events"], query: [("include_hidden", "true"), ("limit", "100")], body: "")
        let file = try #require(FileManager.default.subpathsOfDirectory(atPath: tree).first { $0.contains("events/GET@") })
        try Data(page).write(to: URL(fileURLWithPath: tree + "/" + file))

        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tree, "--out", tmp.path + "/out"]) == 3)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").first)
        let archive = try #require(try FileManager.default.contentsOfDirectory(atPath: bag + "/data/archive").first)
        let (doc, _) = try readArchive(bag + "/data/archive/" + archive)
        let items = (doc["items"]?.arrayValue ?? []).filter { $0["record"]?["kind"]?.stringValue == "event" }
        #expect(items.count == 4)
        let ids = items.compactMap { $0["events"]?.arrayValue?.first?["id"]?.stringValue }
        #expect(ids.contains("aev_1") && ids.contains("aev_4"))
        let flagged = items.filter { $0["record"]?["invalid_json"] != nil }
        #expect(flagged.count == 2)
        let kept = try #require(flagged.first?["record"]?["raw"]?["unparsed_base64"]?.stringValue)
        #expect(Data(base64Encoded: kept).map([UInt8].init) == bad)
        #expect(try verify([bag]) == 0)
    }
}
