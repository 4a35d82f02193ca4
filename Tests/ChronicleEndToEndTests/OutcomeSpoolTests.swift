import ChronicleCore
@testable import ChronicleExport
import ChronicleRedact
import ChronicleTestSupport
import Foundation
import Testing

/// Session outcomes wait on disk, not in memory, until the run is finalised.
@Suite("Outcome spool")
struct OutcomeSpoolTests {
    static func outcome(agent: String, id: String, events: Int) -> SessionOutcome {
        var session = Session(id: id, agentID: agent, agentName: "Agent \"x\"", title: "Title é \u{2028}", status: "done",
                              createdAt: Timestamp(original: "2026-11-20T10:00:00Z", epochMilliseconds: 1_795_168_800_000),
                              updatedAt: Timestamp(original: "yesterday", epochMilliseconds: nil), running: true, possiblyTruncated: true,
                              platformCostUSD: "0.4561")
        session.raw = []
        var totals = SessionTotals()
        totals.events = events
        totals.inputTokens = 12_345_678_901
        totals.models = ["m1", "m2"]
        var counts = RedactionCounts()
        counts.add("email", 2)
        var o = SessionOutcome(
            session: session, directory: "dir-\(id)", totals: totals,
            problems: [ExportProblem(.missing, sessionID: id, item: "artifact a1", message: "gone")],
            archivePath: "archive/dir-\(id).json.gz", transcriptPath: nil, archiveBytes: 99,
            usage: SessionUsage(counts: UsageCounts(), cost: .none, buckets: []), lastEventID: "e\(events)", contentSHA256: String(repeating: "a", count: 64),
            payloadDigests: [PayloadDigest(relativePath: "archive/dir-\(id).json.gz", sha256: String(repeating: "b", count: 64), size: 99)]
        )
        o.redactions = counts
        return o
    }

    @Test func outcomesComeBackWholeInRunOrderAndTheFileGoes() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let spool = try OutcomeSpool(directory: tmp.path)
        let written = [Self.outcome(agent: "b", id: "1", events: 3), Self.outcome(agent: "a", id: "9", events: 1), Self.outcome(agent: "a", id: "10", events: 2)]
        for o in written { try spool.append(o, runJSON: Array("{\"id\": \"\(o.session.id)\"}".utf8)) }
        #expect(FileManager.default.fileExists(atPath: spool.path))
        spool.sort()
        var read: [SessionOutcome] = []
        try spool.forEach { read.append($0) }
        #expect(read.map(\.session.id) == ["10", "9", "1"])
        #expect(try (0..<3).map { String(decoding: try spool.runJSONElement(at: $0), as: UTF8.self) } == ["{\"id\": \"10\"}", "{\"id\": \"9\"}", "{\"id\": \"1\"}"])
        for o in read {
            let original = try #require(written.first { $0.session.id == o.session.id })
            #expect(o.session == original.session)
            #expect(o.totals == original.totals)
            #expect(o.problems == original.problems)
            #expect(o.payloadDigests == original.payloadDigests)
            #expect(o.redactions == original.redactions)
            #expect(o.usage == original.usage)
            #expect(o.directory == original.directory && o.archiveBytes == original.archiveBytes && o.lastEventID == original.lastEventID)
        }
        spool.remove()
        #expect(!FileManager.default.fileExists(atPath: spool.path))
    }

    @Test func leftoversOfACrashedRunAreRemoved() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(FileManager.default.createFile(atPath: tmp.path + "/" + OutcomeSpool.prefix + "old.partial", contents: Data("x".utf8)))
        #expect(FileManager.default.createFile(atPath: tmp.path + "/keep.txt", contents: Data("x".utf8)))
        OutcomeSpool.removeLeftovers(in: tmp.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["keep.txt"])
    }
}
