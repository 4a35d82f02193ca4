import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// `--source-option NAME=VALUE`: a source setting on the command line, overriding the replay
/// tree's (here agentscope's `server_timezone`, Europe/Berlin in `samples/agentscope`).
@Suite("--source-option", .serialized)
struct SourceOptionFlagTests {
    func firstEventOfS42(_ extra: [String]) async throws -> (Int32, String?) {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let status = try await export(["--platform", "agentscope", "--base-url", "file:" + Repository.samples + "/agentscope", "--out", tmp.path, "--page-size", "3"] + extra)
        guard status == 0, let bag = try bags(in: tmp.path, source: "agentscope").first else { return (status, nil) }
        let run = try readJSON(bag + "/data/run.json")
        let s42 = run["sessions"]?.arrayValue?.first { $0["id"]?.stringValue == "s_42" }
        return (status, s42?["first_event_at"]?.stringValue)
    }

    @Test func overridesTheReplayTreesOption() async throws {
        let (berlinStatus, berlin) = try await firstEventOfS42([])
        #expect(berlinStatus == 0)
        #expect(berlin == "2026-11-20T10:00:03.412Z", "11:00:03.412 in Europe/Berlin (replay.json)")
        let (utcStatus, utc) = try await firstEventOfS42(["--source-option", "server_timezone=UTC"])
        #expect(utcStatus == 0)
        #expect(utc == "2026-11-20T11:00:03.412Z", "the same wall time read as UTC")
    }

    /// A recorded tree keeps the options it was recorded with: its replay reads times the same way.
    @Test func aRecordingKeepsTheOptions() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let record = tmp.path + "/record"
        let first = try await export([
            "--platform", "agentscope", "--base-url", "file:" + Repository.samples + "/agentscope", "--out", tmp.path + "/a",
            "--page-size", "3", "--record", record, "--source-option", "server_timezone=Asia/Kolkata",
        ])
        #expect(first == 0)
        let replay = try readJSON(record + "/replay.json")
        #expect(replay["options"]?["server_timezone"]?.stringValue == "Asia/Kolkata")
        let second = try await export(["--platform", "agentscope", "--base-url", "file:" + record, "--out", tmp.path + "/b", "--page-size", "3"])
        #expect(second == 0)
        let bag = try #require(try bags(in: tmp.path + "/b", source: "agentscope").first)
        let s42 = try readJSON(bag + "/data/run.json")["sessions"]?.arrayValue?.first { $0["id"]?.stringValue == "s_42" }
        #expect(s42?["first_event_at"]?.stringValue == "2026-11-20T05:30:03.412Z", "11:00:03.412 in Asia/Kolkata")
    }

    @Test(arguments: ["server_timezone", "=UTC"])
    func aFlagWithoutNameAndValueIsAUsageError(_ flag: String) async throws {
        let (status, _) = try await firstEventOfS42(["--source-option", flag])
        #expect(status == 64)
    }

    @Test func anUnknownZoneIsAConfigurationError() async throws {
        let (status, _) = try await firstEventOfS42(["--source-option", "server_timezone=Mars/Olympus"])
        #expect(status == 78)
    }
}
