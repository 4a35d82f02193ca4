@testable import ChronicleExport
import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// The cumulative index reads the agents' names from each source's newest run.json without
/// holding the run's sessions: the same agents as parsing the whole file, whatever its size.
@Suite("Agents of a run.json")
struct RunJSONAgentsTests {
    static func runJSON(sessions: Int) -> String {
        let session = #"{"id": "s_%d", "agent_id": "a_1", "title": "t \"[{\\\" %d", "events": 12, "usage": [{"model": "m", "input_tokens": 3}]}"#
        let list = (0..<sessions).map { String(format: session, $0, $0) }.joined(separator: ",\n    ")
        return """
        {"format": "chronicle-run", "agents": [{"id": "a_1", "name": "Ann [1]"}, {"id": "a_2", "name": null}, {"id": "a_3", "name": "Zoë \\u00e9"}],
          "sessions": [
            \(list)
          ],
          "problems": [], "usage": {"rows": []}}
        """
    }

    @Test(arguments: [0, 1, 60_000])
    func theAgentsEqualWhatParsingTheWholeFileGives(sessions: Int) throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let path = tmp.path + "/run.json"
        let text = Self.runJSON(sessions: sessions)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if sessions == 60_000 { #expect(text.utf8.count > 1 << 22, "bigger than several read pieces") }
        let whole = try JSONParser.parse(Array(text.utf8))
        let agents = try #require(CumulativeIndex.agents(ofRunJSON: path))
        #expect(JSONValue.array(agents) == whole["agents"])
        #expect(agents.count == 3)
    }

    @Test func aBrokenOrMissingFileHasNoAgents() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(CumulativeIndex.agents(ofRunJSON: tmp.path + "/absent.json") == nil)
        for broken in [#"{"agents": [], "sessions": [1,"#, #"{"agents": [}"#, "", #"{"agents": [], "sessions": [] } x"#] {
            try Data(broken.utf8).write(to: URL(fileURLWithPath: tmp.path + "/run.json"))
            #expect(CumulativeIndex.agents(ofRunJSON: tmp.path + "/run.json") == nil, "\(broken)")
        }
    }
}
