import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// Faults injected by the test server, met by the adapters through the real HTTP client.
@Suite("Faults against the platform test servers", .serialized)
struct FaultTests {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The session that the fault hits: the second one listed.
    static func victim(_ platform: PlatformID) -> DatasetSession? {
        let d = PlatformDataset.generate(platform)
        return d.sessions.count > 1 ? d.sessions[1] : d.sessions.first
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let victim = try #require(Self.victim(.managedAgents))
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.status(429, retryAfter: "1"), on: "sessions/\(victim.id)/events")]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            try h.checkMatchesTruth(h.dataset.truth)
            let hits = h.server.log.requests(pathSuffix: "/sessions/\(victim.id)/events")
            try #require(hits.count == 2)
            #expect(hits[0].status == 429 && hits[1].status == 200)
            #expect(Self.seconds(hits[1].arrival - hits[0].arrival) >= 1.0, "the retry came before Retry-After")
        }
    }

    @Test func serverErrorThenSuccess() async throws {
        try await ServerHarness.with(.vectara, faults: [FaultRule(.status(500), on: "agents/*/sessions", times: 1)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            try h.checkBagIsSound()
            try h.checkMatchesTruth(h.dataset.truth)
            #expect(h.server.log.requests.filter { $0.status == 500 }.count == 1)
        }
    }

    @Test func serverErrorForeverOnOneSessionIsPartial() async throws {
        let victim = try #require(Self.victim(.managedAgents))
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.status(500), on: "sessions/\(victim.id)/events", times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 3)
            try h.checkBagIsSound()
            let run = try h.runJSON()
            #expect(run["status"]?.stringValue == "partial")
            let problems = (run["problems"]?.arrayValue ?? []) + (run["missing"]?.arrayValue ?? [])
            #expect(problems.contains { String(decoding: JSONWriter.serialize($0), as: UTF8.self).contains(victim.id) })
            // Retried a bounded number of times (the transport's 5 attempts), then given up.
            #expect(h.server.log.requests(pathSuffix: "/sessions/\(victim.id)/events").count == 5)
        }
    }

    @Test func serverErrorForeverOnTheListingIsUnreachable() async throws {
        try await ServerHarness.with(.agentSwarm, faults: [FaultRule(.status(503), on: "api/tasks", times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 69)
            #expect(h.server.log.requests(pathSuffix: "/api/tasks").count == 5)
            #expect((try? bags(in: h.out, source: h.source))?.isEmpty ?? true, "no bag for a source that failed")
        }
    }

    @Test func resetMidBodyIsRetried() async throws {
        try await ServerHarness.with(.vectara, faults: [FaultRule(.resetMidBody(afterBytes: 200), on: "agents/*/sessions/*/artifacts/*", times: 2)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            try h.checkBagIsSound()
            try h.checkMatchesTruth(h.dataset.truth)
            #expect(h.server.log.requests.filter { $0.fault == .resetMidBody(afterBytes: 200) }.count == 2)
        }
    }

    @Test func headersThenSilenceTimesOutAndIsRetried() async throws {
        try await ServerHarness.with(.agentscope, faults: [FaultRule(.headersThenSilence, on: "sessions/*/messages", times: 1)]) { h in
            let exitStatus = try await h.export(extra: ["--read-timeout", "1"])
            #expect(exitStatus == 0)
            try h.checkMatchesTruth(h.dataset.truth)
            let log = h.server.log.requests
            let silent = try #require(log.first { $0.fault == .headersThenSilence })
            let retry = try #require(log.first { $0.index > silent.index && $0.path == silent.path && $0.query == silent.query })
            #expect(Self.seconds(retry.arrival - silent.arrival) >= 1.0, "the read timeout fired early")
        }
    }

    @Test(arguments: PlatformID.allCases)
    func wrongCredentialStopsAfterExactlyOneRequest(_ platform: PlatformID) async throws {
        try await ServerHarness.with(platform) { h in
            let exitStatus = try await h.export(token: "wrong-\(h.dataset.token.prefix(4))")
            #expect(exitStatus == 77)
            #expect(h.server.log.count == 1)
            // AgentScope takes any user id: an unknown one lists no agent, which stops the source.
            #expect(h.server.log.requests.first?.status == (platform == .agentscope ? 200 : 401))
        }
    }

    @Test func agentKeyForAnotherAgentIsForbiddenAfterOneRequest() async throws {
        try await ServerHarness.with(.guayaba) { h in
            let key = try #require(h.dataset.agents[0].agentKey)
            let exitStatus = try await h.export(token: key, extra: ["--agent", h.dataset.agents[1].id])
            #expect(exitStatus == 77)
            #expect(h.server.log.count == 1)
            #expect(h.server.log.requests.first?.status == 403)
        }
    }

    @Test func agentKeyForItsOwnAgentExports() async throws {
        try await ServerHarness.with(.guayaba) { h in
            let agent = h.dataset.agents[0]
            let key = try #require(agent.agentKey)
            let status = try await h.export(token: key, extra: ["--agent", agent.id])
            #expect(status == 0)
            try h.checkMatchesTruth(h.dataset.truth.filter { $0.agentID == agent.id })
        }
    }

    @Test func forbiddenMidRunStopsTheSource() async throws {
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.status(403), on: "agents")]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 77)
            #expect(h.server.log.count == 1)
        }
    }

    @Test(arguments: [PlatformID.managedAgents, .vectara, .agentscope])
    func sessionDeletedBetweenListingAndFetchingIsMissing(_ platform: PlatformID) async throws {
        let victim = try #require(Self.victim(platform))
        let path: String
        switch platform {
        case .managedAgents: path = "sessions/\(victim.id)/events"
        case .vectara: path = "agents/\(victim.agentID)/sessions/\(victim.id)/events"
        default: path = "sessions/\(victim.id)/messages"
        }
        try await ServerHarness.with(platform, faults: [FaultRule(.notFound, on: path, times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 3)
            try h.checkBagIsSound()
            let run = try h.runJSON()
            #expect(run["status"]?.stringValue == "partial")
            let missing = try #require(run["missing"]?.arrayValue)
            #expect(missing.contains { $0["session_id"]?.stringValue == victim.id }, "missing: \(missing)")
            // The listed sessions are all there; the others are whole.
            let others = h.dataset.truth.filter { $0.id != victim.id }
            let ids = (run["sessions"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            #expect(Set(ids) == Set(h.dataset.truth.map(\.id)))
            #expect(others.count == h.dataset.truth.count - 1)
        }
    }

    @Test func guayabaSessionDeletedAfterTheListingIsMissing() async throws {
        let victim = try #require(Self.victim(.guayaba))
        // The active listing is served whole, then the session is gone: its history answers 404.
        try await ServerHarness.with(.guayaba, faults: [FaultRule(.deleteSessionAfterResponse(id: victim.id), on: "agents/\(victim.agentID)/sessions", method: "GET")]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 3)
            try h.checkBagIsSound()
            let run = try h.runJSON()
            let missing = try #require(run["missing"]?.arrayValue)
            #expect(missing.contains { $0["session_id"]?.stringValue == victim.id }, "missing: \(missing)")
            #expect(h.server.dataset?.session(victim.id) == nil)
            #expect(h.server.log.requests.contains { $0.method == "POST" && $0.status == 404 })
        }
    }

    @Test func headersThenSilenceForeverOnOneFileIsPartial() async throws {
        let victim = try #require(Self.victim(.managedAgents))
        let file = try #require(victim.artifacts.first)
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.headersThenSilence, on: "files/\(file.id)/content", times: nil)]) { h in
            let exitStatus = try await h.export(extra: ["--read-timeout", "1"])
            #expect(exitStatus == 3)
            try h.checkBagIsSound()
            let hits = h.server.log.requests(pathSuffix: "/files/\(file.id)/content")
            #expect(hits.count == 5, "each attempt timed out and was retried, a bounded number of times")
            let run = try h.runJSON()
            #expect(run["status"]?.stringValue == "partial")
        }
    }

    @Test func shiftingOffsetPagesGiveNoDuplicatesAndNoSkips() async throws {
        // After the first page of the task walk a new session arrives: its tasks are the newest,
        // every row slides down, the next page repeats rows.
        try await ServerHarness.with(.agentSwarm, faults: [FaultRule(.insertRowAtFront, on: "api/tasks", times: 1)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            try h.checkBagIsSound()
            let now = try #require(h.server.dataset)
            #expect(now.sessions.count == h.dataset.sessions.count + 1, "the fault inserted a session")
            // Every session the server holds now, the late one included, exactly once.
            try h.checkMatchesTruth(now.truth)
            #expect(h.server.log.requests(pathSuffix: "/api/tasks").count >= 3)
        }
    }

    @Test func sessionActivityWhilePagingIsNeitherMissedNorDoubled() async throws {
        // After the first page, an old session gets a follow-up task: it is the newest task (the
        // walk's rows slide) and the session jumps to the front of /api/sessions.
        try await ServerHarness.with(.agentSwarm, faults: [FaultRule(.sessionActivity, on: "api/tasks", times: 1)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            let now = try #require(h.server.dataset)
            #expect(now.laterVersions.isEmpty, "the fault applied the activity")
            #expect(now.sessions.count == h.dataset.sessions.count)
            try h.checkMatchesTruth(now.truth)
            let moved = try #require(now.sessions.first)
            #expect(moved.truth.running)
            #expect(moved.records.count == (h.dataset.session(moved.id)?.records.count ?? 0) + 1)
        }
    }

    @Test func aLyingTotalLosesNoSession() async throws {
        try await ServerHarness.with(.agentSwarm, faults: [FaultRule(.lyingTotal(1), on: "api/tasks", times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            try h.checkMatchesTruth(h.dataset.truth)
            let warnings = try h.runJSON()["warnings"]?.arrayValue ?? []
            #expect(warnings.contains { ($0["message"]?.stringValue ?? "").contains("total (1)") }, "\(warnings)")
        }
    }

    @Test func repeatingCursorIsAnErrorNotALoop() async throws {
        try await ServerHarness.with(.managedAgents, faults: [FaultRule(.repeatCursor, on: "sessions", times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 69)
            #expect(h.server.log.requests(pathSuffix: "/v1/sessions").count <= 3)
        }
    }

    @Test func repeatingPageKeyOnOneSessionIsPartial() async throws {
        let victim = try #require(Self.victim(.vectara))
        try await ServerHarness.with(.vectara, faults: [FaultRule(.repeatCursor, on: "agents/*/sessions/\(victim.id)/events", times: nil)]) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 3)
            let run = try h.runJSON()
            let problems = run["problems"]?.arrayValue ?? []
            #expect(problems.contains { $0["session_id"]?.stringValue == victim.id })
            #expect(h.server.log.requests(pathSuffix: "/sessions/\(victim.id)/events").count <= 3)
        }
    }

    @Test func crossHostRedirectIsRefusedWithoutSendingTheCredential() async throws {
        let other = try await TestServer.start(nil, host: "127.0.0.2")
        do {
            try await ServerHarness.with(.vectara, faults: [FaultRule(.redirect(toOrigin: other.origin), on: "agents", times: nil)]) { h in
                let exitStatus = try await h.export()
                #expect(exitStatus == 69)
                #expect(h.server.log.requests.first?.status == 302)
                #expect(other.log.requests.allSatisfy { !$0.carriedCredential }, "the other host got the credential")
                #expect(other.log.count == 0, "the redirect was followed")
            }
        } catch {
            await other.stop()
            throw error
        }
        await other.stop()
    }
}
