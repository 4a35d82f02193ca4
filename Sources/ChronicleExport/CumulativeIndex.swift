import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation

/// `<out>/index.html`: every session ever exported into the output folder, linking to its latest
/// version. Rebuilt after each run from state (`rebuild(outputDirectory:store:)`); without a
/// state store, from the published bags' run.json files.
public enum CumulativeIndex {
    /// Rebuilds the index from the newest committed version of every session in `store`.
    @discardableResult
    public static func rebuild(outputDirectory: String, store: any StateStore, options: RenderOptions = .standard) throws -> String {
        // The store picks and orders the newest versions; only the index's rows are held.
        var entries: [IndexEntry] = []
        try store.forEachLatestVersion { v in
            var status = v.status ?? "exported"
            if v.running { status += ", running" }
            if v.problems > 0 { status += ", partial" }
            entries.append(IndexEntry(
                source: v.source, title: v.title ?? v.sessionID, sessionID: v.sessionID, agent: v.agentID,
                started: v.firstEventAt ?? v.createdAt, durationSeconds: duration(v.firstEventAt, v.lastEventAt),
                messages: v.messages, events: v.eventCount, tokens: v.tokens, status: status + " (run \(v.runID))",
                link: v.transcript.map { "\(v.source)/\(v.runID)/data/\($0)" }, agentID: v.agentID, figures: v.figures
            ))
        }
        let path = outputDirectory + "/index.html"
        try IndexPage.write(
            to: path, title: "Chronicle: all exported sessions", subtitle: "Latest version of every session in \(outputDirectory).", entries: entries, options: options
        )
        entries = []
        return path
    }

    @discardableResult
    public static func rebuild(outputDirectory: String, options: RenderOptions = .standard) throws -> String {
        let fm = FileManager.default
        var latest: [String: IndexEntry] = [:]
        var order: [String] = []
        let sources = ((try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for source in sources {
            let sourceDir = outputDirectory + "/" + source
            let runs = ((try? fm.contentsOfDirectory(atPath: sourceDir)) ?? []).filter(RunID.isRunID).sorted()
            for run in runs {
                let runJSON = "\(sourceDir)/\(run)/data/run.json"
                guard let data = fm.contents(atPath: runJSON), let doc = try? JSONParser.parse([UInt8](data)) else { continue }
                for s in doc["sessions"]?.arrayValue ?? [] {
                    guard let id = s["id"]?.stringValue else { continue }
                    let key = source + "\u{0}" + (s["agent_id"]?.stringValue ?? "") + "\u{0}" + id
                    if latest[key] == nil { order.append(key) }
                    let first = s["first_event_at"]?.stringValue
                    let last = s["last_event_at"]?.stringValue
                    var status = s["status"]?.stringValue ?? "exported"
                    if s["running"]?.boolValue == true { status += ", running" }
                    if s["possibly_truncated"]?.boolValue == true { status += ", possibly truncated" }
                    if (s["problems"]?.int64Value ?? 0) > 0 { status += ", partial" }
                    latest[key] = IndexEntry(
                        source: source, title: s["title"]?.stringValue ?? id, sessionID: id, agent: s["agent_id"]?.stringValue ?? "",
                        started: first ?? s["created_at"]?["utc"]?.stringValue, durationSeconds: duration(first, last),
                        messages: Int((s["user_messages"]?.int64Value ?? 0) + (s["assistant_messages"]?.int64Value ?? 0)),
                        events: Int(s["events"]?.int64Value ?? 0), tokens: nil, status: status + " (run \(run))",
                        link: s["transcript"]?.stringValue.map { "\(source)/\(run)/data/\($0)" },
                        agentID: s["agent_id"]?.stringValue, figures: StateRecords.figures(s)
                    )
                }
            }
        }
        let entries = order.compactMap { latest[$0] }
        let path = outputDirectory + "/index.html"
        try IndexPage.write(
            to: path, title: "Chronicle: all exported sessions", subtitle: "Latest version of every session in \(outputDirectory).", entries: entries, options: options
        )
        return path
    }

    static func duration(_ a: String?, _ b: String?) -> Int64? {
        guard let a, let b, let x = Timestamp.iso8601(a).epochMilliseconds, let y = Timestamp.iso8601(b).epochMilliseconds else { return nil }
        return (y - x) / 1000
    }
}
