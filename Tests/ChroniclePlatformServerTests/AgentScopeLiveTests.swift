import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// The real AgentScope 2.0.11 Agent Service (from PyPI, `.build-py/agentscope`) in a non-UTC time
/// zone, filled through its own HTTP API (two agents, a session over several pages with tool
/// calls that succeed and fail, a failed reply, a user turn named by a chat channel, a permission
/// prompt, a reply still running), exported by the real `chronicle` binary with page size 3: every
/// message the service's API returns is in the archive once, in order, byte for byte, and the
/// tool calls, errors and tokens are the service's. Also the raw answers the adapter relies on,
/// and the identity errors that must stop the source with exit 77.
@Suite("AgentScope: the real service", .serialized, .timeLimit(.minutes(5)))
struct AgentScopeLiveTests {
    static let serverZone = "Asia/Kolkata"
    static let user = "chronicle-live-user"
    static let variable = "AGENTSCOPE_LIVE_USER"

    @Test func exportHoldsEveryMessageTheServiceReturns() async throws {
        let binary = Repository.chronicleBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the chronicle binary first: \(binary)")
        let tmp = try TemporaryFolder("chronicle-agentscope-live")
        defer { tmp.remove() }
        let server = try await LiveAgentScopeServer.start(folder: tmp.path + "/server", tz: Self.serverZone)
        defer { server.stop() }

        _ = try server.harness("fill", [server.baseURL, Self.user, String(server.modelPort)])
        let before = try server.harness("truth", [server.baseURL, Self.user, Self.serverZone])

        let out = tmp.path + "/out"
        var environment = ProcessInfo.processInfo.environment
        environment[Self.variable] = Self.user
        let args = [
            "export", "--platform", "agentscope", "--base-url", server.baseURL, "--token-env", Self.variable,
            "--page-size", "3", "--out", out, "--source-option", "server_timezone=\(Self.serverZone)", "--log-level", "debug",
            "--record", tmp.path + "/record",
        ]
        let export = try run(binary, args, environment: environment)
        #expect(export.status == 0, "chronicle \(args.joined(separator: " ")): \(export.output.suffix(3000))")
        #expect(!export.output.contains(Self.user), "the user id is in the output")

        // The service did not move during the export (the running reply is still running).
        let after = try server.harness("truth", [server.baseURL, Self.user, Self.serverZone])
        let unchanged = after == before
        #expect(unchanged, "the service changed during the export")
        try check(out: out, truth: before)

        // The recorded responses replay to the same archive contents (no network, no user id).
        let replayOut = tmp.path + "/replayed"
        let replay = try run(binary, ["export", "--platform", "agentscope", "--base-url", "file:" + tmp.path + "/record", "--page-size", "3", "--out", replayOut])
        #expect(replay.status == 0, "replay: \(replay.output.suffix(2000))")
        try check(out: replayOut, truth: before)

        let raw = try server.harness("checks", [server.baseURL, Self.user, "someone-else"])
        checkRawAnswers(raw)
        try checkIdentityErrors(server: server, binary: binary, folder: tmp.path, agentID: raw["wrong_user_sessions"]?["agent_id"]?.stringValue ?? "")
    }

    /// The bag against the service's own answers.
    func check(out: String, truth: JSONValue) throws {
        let bag = try #require(try bags(in: out, source: "agentscope").first, "no bag under \(out)")
        #expect(try verify([bag]) == 0, "chronicle verify \(bag)")
        let run = try readJSON(bag + "/data/run.json")
        let wanted = try #require(truth["sessions"]?.arrayValue)
        let got = try #require(run["sessions"]?.arrayValue)
        #expect(wanted.count == 4, "the fill made 4 sessions: \(wanted.count)")
        #expect(Set(got.compactMap { $0["id"]?.stringValue }) == Set(wanted.compactMap { $0["id"]?.stringValue }))
        #expect(got.count == wanted.count, "a session was exported twice")
        var longest = 0
        for w in wanted {
            let id = w["id"]?.stringValue ?? "?"
            guard let s = got.first(where: { $0["id"]?.stringValue == id }) else { continue }
            let ids = (w["message_ids"]?.arrayValue ?? []).compactMap(\.stringValue)
            longest = max(longest, ids.count)
            let (archive, _) = try readArchive(bag + "/data/" + (s["archive"]?.stringValue ?? ""))
            let all = archive["items"]?.arrayValue ?? []
            // The session's listing record comes first; then one item per message.
            #expect(all.first?["record"]?["kind"]?.stringValue == "session")
            let items = all.filter { $0["record"]?["kind"]?.stringValue == "message" }
            #expect(items.count == all.count - 1, "only the listing and messages in the archive of \(id)")
            // Every message once, oldest first, its raw record parsed back to the same id.
            let rawIDs = items.map { item -> String in
                guard let raw = item["record"]?["raw"] else { return "?" }
                return raw["id"]?.stringValue ?? "?"
            }
            #expect(rawIDs == ids, "messages of \(id) (\(w["agent_name"]?.stringValue ?? "")): archive \(rawIDs.count), service \(ids.count)")
            #expect(s["status"]?.stringValue == w["status"]?.stringValue, "status of \(id)")
            #expect(s["running"]?.boolValue == (w["status"]?.stringValue == "running"), "running flag of \(id)")
            #expect(s["tool_calls"]?.int64Value == w["tool_calls"]?.int64Value, "tool calls of \(id)")
            #expect(s["model_requests"]?.int64Value == w["model_requests"]?.int64Value, "model requests of \(id)")
            for key in ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"] {
                #expect(s[key] == w[key], "\(key) of \(id): archive \(s[key].map { String(describing: $0) } ?? "-"), service \(w[key].map { String(describing: $0) } ?? "-")")
            }
            let events = items.flatMap { $0["events"]?.arrayValue ?? [] }
            let errors = events.filter { $0["kind"]?.stringValue == "error" }.count
                + events.flatMap { $0["blocks"]?.arrayValue ?? [] }.filter { $0["type"]?.stringValue == "tool_result" && $0["is_error"]?.boolValue == true }.count
            let wantErrors = (w["failed_replies"]?.int64Value ?? -1) + (w["failed_tool_results"]?.int64Value ?? -1)
            #expect(Int64(errors) == wantErrors, "errors of \(id)")
            func n(_ v: JSONValue?) -> String { v?.int64Value.map(String.init) ?? "-" }
            print("agentscope live: session \(id) (\(w["agent_name"]?.stringValue ?? "?"), \(w["status"]?.stringValue ?? "?")): service \(ids.count) messages, archive \(rawIDs.count); tool calls \(n(w["tool_calls"]))/\(n(s["tool_calls"])), errors \(wantErrors)/\(errors), input \(n(w["input_tokens"]))/\(n(s["input_tokens"])), output \(n(w["output_tokens"]))/\(n(s["output_tokens"])), cache read \(n(w["cache_read_tokens"]))/\(n(s["cache_read_tokens"])) (service/archive)")
            #expect(Int64(events.filter { $0["platform_type"]?.stringValue == "hint" }.count) == w["hints"]?.int64Value, "hints of \(id)")
            // Message times: the service's zoneless local time, read in the configured zone.
            let messageEvents = events.filter { ($0["platform_type"]?.stringValue ?? "").hasPrefix("msg:") }
            let times = messageEvents.map { Self.milliseconds($0["created_at"]) }
            let wantTimes = (w["created_at_utc_ms"]?.arrayValue ?? []).map { $0.int64Value }
            #expect(times == wantTimes, "message times of \(id) in \(Self.serverZone)")
            let roles = messageEvents.map { $0["kind"]?.stringValue ?? "?" }
            let wantRoles = (w["roles"]?.arrayValue ?? []).map { $0.stringValue == "user" ? "user_message" : "assistant_message" }
            #expect(roles == wantRoles, "roles of \(id)")
        }
        #expect(longest > 6, "a session longer than two pages of 3")
    }

    /// An archive `created_at` ({"original", "utc", …} or a string) as Unix milliseconds.
    static func milliseconds(_ value: JSONValue?) -> Int64? {
        let text = value?["utc"]?.stringValue ?? value?.stringValue
        guard let text else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    /// What the service answers on the edges the adapter relies on (the contract's curl checks).
    func checkRawAnswers(_ r: JSONValue) {
        #expect(r["no_header"]?["status"]?.int64Value == 422)
        #expect(r["no_header"]?["body"]?["detail"]?.arrayValue?.first?["loc"] == .array([.string("header"), .string("x-user-id")]))
        #expect(r["bearer_only"]?["status"]?.int64Value == 422)
        #expect(r["empty_header"]?["status"]?.int64Value == 401)
        #expect(r["wrong_user_sessions"]?["status"]?.int64Value == 404)
        let agent = r["wrong_user_sessions"]?["agent_id"]?.stringValue ?? "?"
        #expect(r["wrong_user_sessions"]?["body"]?["detail"]?.stringValue == "Agent '\(agent)' not found.")
        #expect(r["wrong_user_agents"]?["body"]?["agents"] == .array([]))
        #expect(r["limit_0"]?["status"]?.int64Value == 422)
        #expect(r["offset_ignored"]?["newest"] == r["offset_ignored"]?["offset_3"], "offset is ignored: the newest page again")
        #expect(r["offset_ignored"]?["newest_cursor"]?.isNull == false, "event_cursor on the newest page")
        #expect(r["offset_ignored"]?["offset_cursor"]?.isNull == true)
        #expect(r["before"]?["ids"]?.arrayValue?.isEmpty == false, "before= gives the older page")
        #expect(r["before"]?["event_cursor"]?.isNull == true)
        #expect(r["before_unknown"]?["messages"] == .array([]))
        #expect(r["before_unknown"]?["has_more"] == .bool(false))
        #expect(r["no_slash"]?["status"]?.int64Value == 307)
        #expect(r["no_slash"]?["location"]?.stringValue?.contains("/sessions/?agent_id=") == true)
    }

    /// Exports with a refused identity stop with exit 77 and say what is wrong.
    func checkIdentityErrors(server: LiveAgentScopeServer, binary: String, folder: String, agentID: String) throws {
        func export(_ name: String, user: String, extra: [String]) throws -> (status: Int32, output: String) {
            var environment = ProcessInfo.processInfo.environment
            environment[Self.variable] = user
            return try run(binary, [
                "export", "--platform", "agentscope", "--base-url", server.baseURL, "--token-env", Self.variable,
                "--page-size", "3", "--out", folder + "/" + name,
            ] + extra, environment: environment)
        }
        // Bearer only: the service reads no Authorization header (422, the x-user-id header missing).
        let bearer = try export("bearer", user: Self.user, extra: ["--auth-style", "bearer"])
        #expect(bearer.status == 77, "bearer: \(bearer.output.suffix(2000))")
        #expect(bearer.output.contains("x-user-id header was missing"), "bearer: \(bearer.output.suffix(2000))")
        #expect(!bearer.output.contains(Self.user))
        // Another user id with the agent named: 404 on its session listing.
        let stranger = "stranger-\(UUID().uuidString.prefix(8))"
        let wrong = try export("wrong", user: stranger, extra: ["--agent", agentID])
        #expect(wrong.status == 77, "wrong user: \(wrong.output.suffix(2000))")
        #expect(wrong.output.contains("agent '\(agentID)' is not visible to this user id"), "wrong user: \(wrong.output.suffix(2000))")
        #expect(!wrong.output.contains(stranger))
        // Another user id without agents: it sees none.
        let none = try export("none", user: stranger, extra: [])
        #expect(none.status == 77, "no agents visible: \(none.output.suffix(2000))")
        #expect(none.output.contains("no agent is visible to this user id"), "no agents visible: \(none.output.suffix(2000))")
    }
}
