import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation

/// `<out>/index.html` and its month pages: every session ever exported into the output folder,
/// linking to its latest version, with a usage summary and the runs' files. Rebuilt after each
/// run from state (`rebuild(outputDirectory:store:)`); without a state store (`chronicle
/// render`), from the run.json files of the bags and rendered runs in the folder, so a second
/// render into the same folder adds to the index instead of replacing it.
public enum CumulativeIndex {
    /// Rebuilds the index from the newest committed version of every session in `store`.
    @discardableResult
    public static func rebuild(outputDirectory: String, store: any StateStore, options: RenderOptions = .standard) throws -> String {
        let runs = try store.runs(source: nil).compactMap { r -> CumulativeIndexWriter.RunLink? in
            guard let runID = r.runID, let bag = r.bagPath else { return nil }
            return .init(source: r.source, runID: runID, status: r.status.rawValue, sessions: r.exported, folder: bag + "/data")
        }
        let names = agentNames(outputDirectory: outputDirectory, runs: runs)
        var writer = CumulativeIndexWriter(outputDirectory: outputDirectory, options: options)
        // The store orders the newest versions newest first; only the month being written is held.
        try store.forEachLatestVersionNewestFirst { v in
            var status = v.status ?? "exported"
            if v.running, status != "running" { status += ", running" }
            if v.problems > 0 { status += ", partial" }
            try writer.add(IndexEntry(
                source: v.source, title: v.title ?? v.sessionID, sessionID: v.sessionID,
                agent: names[v.source + "\u{0}" + v.agentID].map { "\($0) (\(v.agentID))" } ?? v.agentID,
                started: v.firstEventAt ?? v.createdAt, durationSeconds: duration(v.firstEventAt, v.lastEventAt),
                messages: v.messages, events: v.eventCount, tokens: v.tokens, status: status + " (run \(v.runID))",
                link: v.transcript.map { CumulativeIndexWriter.relativeLink("\(v.source)/\(v.runID)/data/\($0)") },
                agentID: v.agentID, figures: v.figures
            ))
        }
        return try writer.finish(runs: runs)
    }

    /// Rebuilds the index from every run.json under `outputDirectory`: a bag's
    /// `<source>/<run>/data/run.json` or a rendered run's `<source>/<run>/run.json`; the
    /// newest run holding a session gives its row.
    @discardableResult
    public static func rebuild(outputDirectory: String, options: RenderOptions = .standard) throws -> String {
        let fm = FileManager.default
        var latest: [String: IndexEntry] = [:]
        var order: [String] = []
        var runs: [CumulativeIndexWriter.RunLink] = []
        let sources = ((try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for source in sources {
            let sourceDir = outputDirectory + "/" + source
            let runIDs = ((try? fm.contentsOfDirectory(atPath: sourceDir)) ?? []).filter(RunID.isRunID).sorted()
            for run in runIDs {
                let folder = fm.fileExists(atPath: "\(sourceDir)/\(run)/data/run.json") ? "\(source)/\(run)/data" : "\(source)/\(run)"
                let runJSON = "\(outputDirectory)/\(folder)/run.json"
                guard let data = fm.contents(atPath: runJSON), let doc = try? JSONParser.parse([UInt8](data)) else { continue }
                var names: [String: String] = [:]
                for a in doc["agents"]?.arrayValue ?? [] {
                    if let id = a["id"]?.stringValue, let name = a["name"]?.stringValue { names[id] = name }
                }
                let sessions = doc["sessions"]?.arrayValue ?? []
                runs.append(.init(source: source, runID: run, status: doc["status"]?.stringValue ?? "unknown", sessions: sessions.count, folder: folder))
                for s in sessions {
                    guard let id = s["id"]?.stringValue else { continue }
                    let agentID = s["agent_id"]?.stringValue ?? ""
                    let key = source + "\u{0}" + agentID + "\u{0}" + id
                    if latest[key] == nil { order.append(key) }
                    let first = s["first_event_at"]?.stringValue
                    let last = s["last_event_at"]?.stringValue
                    var status = s["status"]?.stringValue ?? "exported"
                    if s["running"]?.boolValue == true, status != "running" { status += ", running" }
                    if s["possibly_truncated"]?.boolValue == true { status += ", possibly truncated" }
                    if (s["problems"]?.int64Value ?? 0) > 0 { status += ", partial" }
                    latest[key] = IndexEntry(
                        source: source, title: s["title"]?.stringValue ?? id, sessionID: id,
                        agent: names[agentID].map { "\($0) (\(agentID))" } ?? agentID,
                        started: first ?? s["created_at"]?["utc"]?.stringValue, durationSeconds: duration(first, last),
                        messages: Int((s["user_messages"]?.int64Value ?? 0) + (s["assistant_messages"]?.int64Value ?? 0)),
                        events: Int(s["events"]?.int64Value ?? 0), tokens: nil, status: status + " (run \(run))",
                        link: s["transcript"]?.stringValue.map { CumulativeIndexWriter.relativeLink("\(folder)/\($0)") },
                        agentID: agentID, figures: StateRecords.figures(s)
                    )
                }
            }
        }
        var writer = CumulativeIndexWriter(outputDirectory: outputDirectory, options: options)
        let key: (IndexEntry) -> String = { $0.started ?? "" }
        let entries = order.compactMap { latest[$0] }.enumerated()
            .sorted { key($0.element) != key($1.element) ? key($0.element) > key($1.element) : $0.offset < $1.offset }
        latest = [:]
        for e in entries { try writer.add(e.element) }
        return try writer.finish(runs: runs)
    }

    /// Agent names by source and agent id, from the newest run.json of each source (its agent
    /// list is complete each run).
    static func agentNames(outputDirectory: String, runs: [CumulativeIndexWriter.RunLink]) -> [String: String] {
        var newest: [String: CumulativeIndexWriter.RunLink] = [:]
        for r in runs where newest[r.source].map({ $0.runID < r.runID }) ?? true { newest[r.source] = r }
        var names: [String: String] = [:]
        for (source, run) in newest {
            guard let agents = agents(ofRunJSON: outputDirectory + "/" + run.folder + "/run.json") else { continue }
            for a in agents {
                if let id = a["id"]?.stringValue, let name = a["name"]?.stringValue { names[source + "\u{0}" + id] = name }
            }
        }
        return names
    }

    /// The `agents` of a run.json, read in pieces of 64 KiB: the `sessions` array beside them
    /// (6.5 MB for 5,000 sessions) is checked as it passes and never held, neither as bytes nor
    /// as a tree (reading the file whole, then parsing it, added 13–25 MB at the end of every
    /// export of that size). `nil` when the file cannot be read or is not a run.json.
    static func agents(ofRunJSON path: String) -> [JSONValue]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var splitter = JSONRecordSplitter(recordArray: .member("sessions"), maxEnvelopeBytes: 16 << 20)
        do {
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try splitter.feed($0, onRecord: { _ in }) }
            }
            return try splitter.finish().value["agents"]?.arrayValue
        } catch {
            return nil
        }
    }

    static func duration(_ a: String?, _ b: String?) -> Int64? {
        guard let a, let b, let x = Timestamp.iso8601(a).epochMilliseconds, let y = Timestamp.iso8601(b).epochMilliseconds else { return nil }
        return (y - x) / 1000
    }
}
