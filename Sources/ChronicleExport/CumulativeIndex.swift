import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation

/// `<out>/index.html`: every session ever exported into the output folder, linking to its latest
/// version. Rebuilt after each run from the published bags' run.json files.
public enum CumulativeIndex {
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
                    var tokens: Int64?
                    if let i = s["input_tokens"]?.int64Value { tokens = i + (s["output_tokens"]?.int64Value ?? 0) }
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
                        events: Int(s["events"]?.int64Value ?? 0), tokens: tokens, status: status + " (run \(run))",
                        link: s["transcript"]?.stringValue.map { "\(source)/\(run)/data/\($0)" }, cost: Self.decimal(s["platform_cost_usd"])
                    )
                }
            }
        }
        let entries = order.compactMap { latest[$0] }
        let html = try IndexPage.render(
            title: "Chronicle: all exported sessions", subtitle: "Latest version of every session in \(outputDirectory).", entries: entries, options: options
        )
        let path = outputDirectory + "/index.html"
        try AtomicFile.write(Array(html.utf8), to: path)
        return path
    }

    static func decimal(_ v: JSONValue?) -> String? {
        if case .number(let literal)? = v { return literal }
        return nil
    }

    static func duration(_ a: String?, _ b: String?) -> Int64? {
        guard let a, let b, let x = Timestamp.iso8601(a).epochMilliseconds, let y = Timestamp.iso8601(b).epochMilliseconds else { return nil }
        return (y - x) / 1000
    }
}
