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
            usage: SessionUsage(
                counts: UsageCounts(requests: 3, inputTokens: 10, outputTokens: nil, cacheReadTokens: Int64.max, cacheWriteTokens: 0),
                cost: .priceTable(Decimal(string: "0.000123456789012345678901234567") ?? 0),
                buckets: [UsageBucket(day: "2026-11-20", model: "m1", counts: UsageCounts(requests: 1), cost: .platform(Decimal(string: "-1.5") ?? 0))]
            ),
            lastEventID: "e\(events)", contentSHA256: String(repeating: "a", count: 64),
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

    /// More outcomes than one decoded batch: read in order (as the finalisation reads them) and
    /// out of order, each index gives its own outcome; a damaged record names its session.
    @Test func outcomesAcrossBatchesInAnyOrderAndADamagedOneNamed() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let spool = try OutcomeSpool(directory: tmp.path)
        let count = OutcomeSpool.batchSize * 2 + 7
        for n in (0..<count).reversed() {
            try spool.append(Self.outcome(agent: "a", id: String(format: "s%04d", n), events: n), runJSON: [])
        }
        spool.sort()
        var read: [String] = []
        try spool.forEach { read.append($0.session.id + "/\($0.totals.events)") }
        #expect(read == (0..<count).map { String(format: "s%04d", $0) + "/\($0)" })
        for index in [count - 1, 0, OutcomeSpool.batchSize, 3, OutcomeSpool.batchSize - 1, count - 2] {
            #expect(try spool.outcome(at: index).totals.events == index)
        }
        // Damage one record in the file (the tag of its session id, a string of 5 bytes, becomes
        // one no value has): reading its batch fails, naming that session.
        let handle = try #require(FileHandle(forUpdatingAtPath: spool.path))
        let bytes = try #require(try handle.readToEnd())
        let target = [SpoolFormat.string, 5] + Array("s0070".utf8)
        let at = try #require(bytes.firstRange(of: target)).lowerBound
        try handle.seek(toOffset: UInt64(at))
        try handle.write(contentsOf: Data([0xEE]))
        try handle.close()
        spool.sort()
        #expect(throws: ExportError.self) { try spool.forEach { _ in } }
        do { try spool.forEach { _ in } } catch {
            #expect("\(error)".contains("damaged at session 's0070'"), "\(error)")
        }
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
