import ChronicleCommands
import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// Export, verify, render and share share one record limit and one verdict: an event of 34 MB
/// exported "complete", then verify, render and share exited 65 ("record exceeds
/// maxRecordBytes": its archive item, raw record plus normalised text, was over 64 MiB) and the
/// session was never exported again.
@Suite("One record limit for every reader", .serialized)
struct RecordLimitTests {
    @Test func aThirtyFourMegabyteEventIsReadBackByEveryCommand() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let tree = tmp.path + "/tree"
        let builder = ReplayTreeBuilder(root: tree)
        try builder.build(sessions: ["big"])
        let text = String(repeating: "All work and no play. ", count: (34 << 20) / 22)
        let event = #"{"id": "aev_1", "type": "agent_output", "session_key": "big", "created_at": "2026-11-20T10:01:00Z", "content": \#(ReplayTreeBuilder.json(text))}"#
        try builder.write(["agents", builder.agent, "sessions", "big", "events"], query: [("include_hidden", "true"), ("limit", "100")], body: "{\"events\": [\(event)], \"metadata\": {}}")
        #expect(text.utf8.count > 34_000_000 && text.utf8.count < RecordLimits.maxRecordBytes)

        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tree, "--out", tmp.path + "/out"]) == 0)
        let bag = try #require(try bags(in: tmp.path + "/out", source: "vectara").first)
        #expect(try verify([bag]) == 0)
        #expect(try RenderCommand.parse([bag, "--out", tmp.path + "/rendered"]).execute() == 0)
        #expect(try ShareCommand.parse([bag, "big", "-o", tmp.path + "/big.html"]).execute() == 0)
        let shared = try String(contentsOfFile: tmp.path + "/big.html", encoding: .utf8)
        #expect(shared.contains("All work and no play."))
    }
}
