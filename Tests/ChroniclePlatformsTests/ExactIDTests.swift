import ChronicleCore
import ChronicleJSON
@testable import ChroniclePlatforms
import Foundation
import Testing

/// Ids that differ only by Unicode normalisation are different ids: `Café` (NFC) and
/// `Cafe\u{301}` (NFD) are equal Swift strings, and keyed by `String` the second session
/// vanished (one history request, one archive) and the second request's tokens were dropped.
@Suite struct ExactIDTests {
    static let nfc = "agent:main:dm:Caf\u{E9}"
    static let nfd = "agent:main:dm:Cafe\u{301}"

    @Test func theTwoFormsAreEqualStringsButDifferentIDs() {
        #expect(Self.nfc == Self.nfd)
        #expect(ExactText(Self.nfc) != ExactText(Self.nfd))
        #expect(Set([ExactText(Self.nfc), ExactText(Self.nfd)]).count == 2)
    }

    @Test func guayabaListsBothSessions() async throws {
        let listing = "[{\"key\":\"\(Self.nfc)\",\"updatedAt\":1763712000123},{\"key\":\"\(Self.nfd)\",\"updatedAt\":1763712000124}]"
        let transport = StubTransport([
            "GET /agents/main/sessions": .init(listing),
            "GET /agents/main/sessions/archived": .init("[]"),
        ])
        let source = SourceDescriptor(name: "gy", platform: .guayaba, baseURL: "https://gy.test/api/v1", agents: ["main"])
        let adapter = GuayabaAdapter(source: source, transport: transport, credential: nil)
        var sessions: [Session] = []
        try await adapter.listSessions(of: Agent(id: "main"), problem: { _ in }) { sessions.append($0) }
        #expect(sessions.map { Array($0.id.utf8) } == [Array(Self.nfc.utf8), Array(Self.nfd.utf8)])
    }

    @Test func requestsWhoseIDsDifferByNormalisationCountTwice() {
        var totals = SessionTotals()
        var ledger = SessionUsageLedger(calendar: .utc)
        for id in [Self.nfc, Self.nfd, Self.nfc] {
            let e = Event(id: id, index: 0, kind: .assistantMessage, platformType: "msg", createdAt: .iso8601("2026-11-20T10:00:00Z"), model: "m", usage: Usage(inputTokens: 10, outputTokens: 1), requestID: id)
            totals.add(e)
            ledger.add(e)
        }
        #expect(totals.modelRequests == 2)
        #expect(totals.inputTokens == 20)
        let usage = ledger.finish(session: Session(id: "s", agentID: "a"), totals: totals, prices: .builtIn)
        #expect(usage.buckets.reduce(0) { $0 + ($1.counts.inputTokens ?? 0) } == 20)
    }

    @Test func dailyRowsKeepAgentsApart() {
        var rollup = UsageRollup(source: "s", platform: "guayaba")
        for (agent, session) in [(Self.nfc, "1"), (Self.nfd, "2")] {
            var ledger = SessionUsageLedger(calendar: .utc)
            var totals = SessionTotals()
            let e = Event(id: "r" + session, index: 0, kind: .assistantMessage, platformType: "msg", createdAt: .iso8601("2026-11-20T10:00:00Z"), model: "m", usage: Usage(inputTokens: 5), requestID: "r" + session)
            ledger.add(e)
            totals.add(e)
            let s = Session(id: session, agentID: agent)
            rollup.add(session: s, usage: ledger.finish(session: s, totals: totals, prices: .builtIn))
        }
        #expect(rollup.dailyRows.count == 2)
    }
}
