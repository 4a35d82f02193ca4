import ChronicleCore
import ChronicleTestSupport
import Foundation

/// A vectara replay tree that tests mutate between runs, as a platform changes between nights:
/// each session has an `updated_at` (minutes after a fixed start) and a number of events.
/// `listingWithoutUpdatedAt` drops `updated_at` from the listing, as a platform that gives none.
struct NightlyTree {
    struct SessionState {
        var updatedMinute: Int
        var events: Int
        /// The minute of the first touch: the session's `created_at` (Vectara's only session time).
        var createdMinute: Int? = nil
        var artifactBytes: Int = 0
    }

    let root: String
    var sessions: [String: SessionState] = [:]
    var listingWithoutUpdatedAt = false

    init(root: String) { self.root = root }

    static func stamp(_ minute: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_795_600_000 + Double(minute) * 60)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// Adds a session or appends events to one, moving its `updated_at`.
    mutating func touch(_ id: String, addEvents: Int = 1, minute: Int) {
        var s = sessions[id] ?? SessionState(updatedMinute: minute, events: 0, createdMinute: minute)
        s.events += addEvents
        s.updatedMinute = minute
        sessions[id] = s
    }

    /// Writes the whole tree (idempotent: same state, same files).
    func write() throws {
        let b = ReplayTreeBuilder(root: root)
        try b.write(["agents"], query: [("limit", "100")], body: #"{"agents": [{"key": "agt", "name": "Agent"}], "metadata": {}}"#)
        let ids = sessions.keys.sorted()
        let list = ids.map { id -> String in
            let s = sessions[id] ?? SessionState(updatedMinute: 0, events: 0)
            let updated = listingWithoutUpdatedAt ? "" : #", "updated_at": "\#(Self.stamp(s.updatedMinute))""#
            return #"{"key": \#(ReplayTreeBuilder.json(id)), "name": \#(ReplayTreeBuilder.json("title of " + id)), "created_at": "\#(Self.stamp(s.createdMinute ?? 0))"\#(updated)}"#
        }
        try b.write(["agents", "agt", "sessions"], query: [("limit", "100")], body: "{\"sessions\": [\(list.joined(separator: ","))], \"metadata\": {\"page_key\": null}}")
        for id in ids {
            let s = sessions[id] ?? SessionState(updatedMinute: 0, events: 0)
            let events = (0..<s.events).map { i in
                #"{"id": "aev_\#(i + 1)", "type": "agent_output", "session_key": \#(ReplayTreeBuilder.json(id)), "created_at": "\#(Self.stamp(i))", "content": \#(ReplayTreeBuilder.json("event \(i + 1) of " + id))}"#
            }
            try b.write(["agents", "agt", "sessions", id, "events"], query: [("include_hidden", "true"), ("limit", "100")], body: "{\"events\": [\(events.joined(separator: ","))], \"metadata\": {}}")
            if s.artifactBytes > 0 {
                var bytes = [UInt8](repeating: 0, count: s.artifactBytes)
                var x: UInt64 = 0x9E37_79B9_7F4A_7C15
                for i in bytes.indices {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17
                    bytes[i] = UInt8(truncatingIfNeeded: x)
                }
                let meta = #"{"artifact_id": "art_1", "filename": "blob.bin", "size_bytes": \#(bytes.count)}"#
                try b.write(["agents", "agt", "sessions", id, "artifacts"], query: [("limit", "100")], body: "{\"artifacts\": [\(meta)], \"metadata\": {}}")
                let full = #"{"artifact_id": "art_1", "filename": "blob.bin", "mime_type": "application/octet-stream", "size_bytes": \#(bytes.count), "data": "\#(Data(bytes).base64EncodedString())"}"#
                try b.write(["agents", "agt", "sessions", id, "artifacts", "art_1"], body: full)
            } else {
                try b.write(["agents", "agt", "sessions", id, "artifacts"], query: [("limit", "100")], body: "{\"artifacts\": [], \"metadata\": {}}")
            }
        }
    }
}
