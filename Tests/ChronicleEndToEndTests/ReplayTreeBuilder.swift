import ChronicleCore
import ChronicleTestSupport
import ChronicleTransport
import Foundation

/// Writes a small vectara replay tree for tests: pages of sessions, events and artifacts, each
/// request's response at the file `ReplayLayout` names.
struct ReplayTreeBuilder {
    let root: String
    let agent = "agt"

    func write(_ path: [String], query: [(String, String)] = [], body: String, status: Int? = nil) throws {
        let request = TransportRequest(path: path, query: query.map { .init($0.0, $0.1) })
        let file = root + "/" + ReplayLayout.relativePath(for: request)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(body.utf8).write(to: URL(fileURLWithPath: file))
        if let status {
            try Data("{\"status\": \(status)}".utf8).write(to: URL(fileURLWithPath: file + ".meta"))
        }
    }

    static func json(_ s: String) -> String {
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        return "\"" + String(decoding: out, as: UTF8.self) + "\""
    }

    /// One agent with the given sessions, each with one event and the given artifacts.
    func build(sessions: [String], artifacts: [String: [(meta: String, full: String?, status: Int?)]] = [:]) throws {
        try write(["agents"], query: [("limit", "100")], body: #"{"agents": [{"key": "agt", "name": "Agent"}], "metadata": {}}"#)
        let list = sessions.map { #"{"key": \#(Self.json($0)), "name": \#(Self.json("title of " + $0)), "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:05:00Z"}"# }
        try write(["agents", agent, "sessions"], query: [("limit", "100")], body: "{\"sessions\": [\(list.joined(separator: ","))], \"metadata\": {\"page_key\": null}}")
        for s in sessions {
            let event = #"{"id": "aev_1", "type": "agent_output", "session_key": \#(Self.json(s)), "created_at": "2026-11-20T10:01:00Z", "content": \#(Self.json("hello from " + s))}"#
            try write(["agents", agent, "sessions", s, "events"], query: [("include_hidden", "true"), ("limit", "100")], body: "{\"events\": [\(event)], \"metadata\": {}}")
            let arts = artifacts[s] ?? []
            try write(["agents", agent, "sessions", s, "artifacts"], query: [("limit", "100")], body: "{\"artifacts\": [\(arts.map(\.meta).joined(separator: ","))], \"metadata\": {}}")
            for a in arts {
                let id = try JSONSerialization.jsonObject(with: Data(a.meta.utf8)) as? [String: Any]
                let artifactID = (id?["artifact_id"] as? String) ?? ""
                try write(["agents", agent, "sessions", s, "artifacts", artifactID], body: a.full ?? "", status: a.status)
            }
        }
    }
}
