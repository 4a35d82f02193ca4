import ChronicleCore
import ChronicleJSON
import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// Every adapter end to end through the real HTTP client against its platform's test server:
/// the bag is sound (`chronicle verify`, Python `bagit`) and holds exactly what the server served.
@Suite("Export from each platform's test server", .serialized)
struct PlatformExportTests {
    @Test(arguments: PlatformID.allCases)
    func exportMatchesGeneratedData(_ platform: PlatformID) async throws {
        try await ServerHarness.with(platform) { h in
        let status = try await h.export()
        #expect(status == 0)
        try h.checkBagIsSound()
        try h.checkMatchesTruth(h.dataset.truth)
        // Every request carried the credential, and the log never holds its value.
        let log = h.server.log.requests
        #expect(!log.isEmpty)
        #expect(log.allSatisfy { $0.carriedCredential })
        #expect(log.allSatisfy { $0.status == 200 })
        #expect(!log.contains { r in r.headers.contains { $0.value.contains(h.dataset.token) } })
        }
    }

    /// Vectara takes `x-api-key` or an OAuth access token as `Authorization: Bearer` (here one
    /// fetched from the test server's token endpoint beforehand). AgentScope refuses Bearer alone
    /// (below).
    @Test func bearerAuthStyleIsAccepted() async throws {
        try await ServerHarness.with(.vectara) { h in
            let token = try await h.vectaraAccessToken()
            let exitStatus = try await h.export(token: token, extra: ["--auth-style", "bearer"])
            #expect(exitStatus == 0)
            try h.checkMatchesTruth(h.dataset.truth)
            // Every API request (not the token request made above) carried the Bearer token.
            #expect(h.server.log.requests.filter { !$0.path.hasSuffix("/oauth2/token") }.allSatisfy { $0.credentialHeaders == ["authorization"] })
        }
    }

    /// AgentScope reads the user id from `x-user-id` only: Bearer alone is FastAPI's 422 for a
    /// missing header, which stops the source as a refused identity after one request.
    @Test func agentscopeRefusesBearerOnly() async throws {
        try await ServerHarness.with(.agentscope) { h in
            let exitStatus = try await h.export(extra: ["--auth-style", "bearer"])
            #expect(exitStatus == 77)
            #expect(h.server.log.count == 1)
            #expect(h.server.log.requests.first?.status == 422)
        }
    }

    /// AgentScope: another user id sees no agents; naming one gets 404 on its session listing.
    /// Both stop the source (exit 77) after one request.
    @Test(arguments: [false, true])
    func agentscopeUnknownUserIDStops(namingAnAgent: Bool) async throws {
        try await ServerHarness.with(.agentscope) { h in
            let extra = namingAnAgent ? ["--agent", h.dataset.agentIDs[0]] : []
            let exitStatus = try await h.export(token: "someone-else", extra: extra)
            #expect(exitStatus == 77)
            let log = h.server.log.requests
            #expect(log.map(\.status) == (namingAnAgent ? [200, 404] : [200]), "\(log.map { "\($0.path) \($0.status)" })")
        }
    }

    /// AgentScope's listings are asked for with their trailing slash (no 307 per listing) and the
    /// history by `before`, never by `offset`.
    @Test func agentscopeRequestsTheSlashFormsAndPagesByBefore() async throws {
        try await ServerHarness.with(.agentscope) { h in
            let exitStatus = try await h.export()
            #expect(exitStatus == 0)
            let log = h.server.log.requests
            #expect(log.allSatisfy { $0.status == 200 })
            #expect(log.filter { $0.path == "/agent/" }.count == 1)
            #expect(log.filter { $0.path == "/sessions/" }.count == h.dataset.agents.count)
            #expect(!log.contains { $0.query.contains("offset") })
            #expect(log.contains { $0.query.contains("before=") })
        }
    }

    @Test func datasetsAreDeterministicAndHaveTheTraps() throws {
        for platform in PlatformID.allCases {
            let a = PlatformDataset.generate(platform, seed: 7)
            let b = PlatformDataset.generate(platform, seed: 7)
            #expect(a.truth == b.truth, "\(platform)")
            #expect(a.token == b.token)
            #expect(PlatformDataset.generate(platform, seed: 8).token != a.token)
        }
        // agent-swarm: sessions are chains of tasks on several agents and harnesses; claude repeats
        // a message's usage on its streamed lines; a run's tokens are in its cost row (the truth
        // counts each run once); one run is still in progress (no cost row); lines of one run come
        // in several flushes whose lineNumber restarts at 0.
        let swarm = PlatformDataset.generate(.agentSwarm)
        #expect(swarm.sessions.contains { $0.records.count > 1 })
        #expect(Set(swarm.sessions.flatMap { $0.records.compactMap { $0["provider"]?.stringValue } }).count >= 3)
        #expect(swarm.sessions.contains { s in s.records.contains { $0["status"]?.stringValue == "in_progress" } && s.truth.running })
        for s in swarm.sessions {
            let claude = s.logsByTask.values.joined().filter { $0["cli"]?.stringValue == "claude" && ($0["content"]?.stringValue ?? "").contains("\"usage\"") }
            let ids = Set(claude.compactMap { try? JSONParser.parse(Array(($0["content"]?.stringValue ?? "").utf8))["message"]?["id"]?.stringValue })
            #expect(claude.count == 2 * ids.count)
            let rows = s.costsByTask.values.joined().count
            #expect(s.truth.usage.requests >= rows)
            #expect(s.logsByTask.values.contains { lines in lines.filter { $0["lineNumber"]?.int64Value == 0 }.count > 1 })
        }
        // managed-agents carries per-event usage AND the session's sum.
        let managed = PlatformDataset.generate(.managedAgents)
        for s in managed.sessions {
            #expect(s.listing["usage"]?["input_tokens"]?.int64Value == s.truth.usage.inputTokens)
        }
        // guayaba and vectara artifacts include a real PNG.
        for platform in [PlatformID.guayaba, .vectara, .managedAgents] {
            let d = PlatformDataset.generate(platform)
            #expect(d.sessions.allSatisfy { $0.artifacts.first?.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true })
        }
    }

    @Test func pngIsValidForPython() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let png = TestPNG.make(width: 9, height: 7, seed: 1)
        try Data(png).write(to: URL(fileURLWithPath: tmp.path + "/a.png"))
        // zlib and the CRCs checked by a decoder nobody here wrote.
        let script = """
            import struct, sys, zlib
            d = open(sys.argv[1], 'rb').read()
            assert d[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            i, idat = 8, b''
            while i < len(d):
                n, = struct.unpack('>I', d[i:i+4]); t = d[i+4:i+8]; body = d[i+8:i+8+n]
                assert zlib.crc32(t + body) == struct.unpack('>I', d[i+8+n:i+12+n])[0], t
                if t == b'IDAT': idat += body
                i += 12 + n
            w, h = struct.unpack('>II', d[16:24])
            assert len(zlib.decompress(idat)) == h * (1 + 3 * w)
            print('ok')
            """
        let r = try run("python3", ["-c", script, tmp.path + "/a.png"])
        #expect(r.status == 0 && r.output.contains("ok"), "\(r.output)")
    }
}
