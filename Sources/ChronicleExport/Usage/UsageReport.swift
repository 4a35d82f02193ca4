import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation

/// `chronicle usage`: the usage of everything an output folder holds, over any period, each model
/// request counted once across all nights.
///
/// The rule (docs/usage.md): a session exported on several nights has several versions, each in
/// its own bag; a `--full` rerun adds versions with the same content. For each session the
/// versions are read newest first (a version whose content digest equals one already read is
/// skipped without opening it), and every model request is taken once, by its request id (else
/// its event id, else its position in the session), from the newest version that holds it. Each
/// request is attributed to the day of its own timestamp in the report's time zone (a request
/// without a readable time to the session's start day, as `daily.csv` does). Costs are those of
/// the CSVs: the price table per day × model, or the platform's cost of the newest version (a
/// session's cumulative cost) spread over the session's days and models in proportion to tokens.
/// So for the newest version of each session, the report equals the sum of its rows in the
/// per-bag CSVs.
public struct UsageReport: Sendable {
    /// One exported version of a session, as state or a bag's run.json records it.
    public struct Version: Sendable, Hashable {
        public var source: String
        public var agentID: String
        public var sessionID: String
        public var runID: String
        public var directory: String
        public var contentSHA256: String

        public init(source: String, agentID: String, sessionID: String, runID: String, directory: String, contentSHA256: String) {
            self.source = source
            self.agentID = agentID
            self.sessionID = sessionID
            self.runID = runID
            self.directory = directory
            self.contentSHA256 = contentSHA256
        }
    }

    /// What a row is grouped by besides its period.
    public enum Grouping: String, Sendable, Hashable, CaseIterable {
        case source, agent, model
    }

    /// A `--since`/`--until` bound: a whole day in the report's zone, or an instant.
    public enum Bound: Sendable, Hashable {
        case day(String)
        case instant(Int64)
    }

    public struct Options: Sendable {
        public var calendar: UsageCalendar
        public var prices: PriceTable
        public var period: UsagePeriod
        public var groups: [Grouping]
        /// Inclusive: from this day, or from this instant on.
        public var since: Bound?
        /// Inclusive for a day (up to its end), exclusive for an instant.
        public var until: Bound?

        public init(calendar: UsageCalendar = .utc, prices: PriceTable = .builtIn, period: UsagePeriod = .day, groups: [Grouping] = [], since: Bound? = nil, until: Bound? = nil) {
            self.calendar = calendar
            self.prices = prices
            self.period = period
            self.groups = groups
            self.since = since
            self.until = until
        }
    }

    /// One row: a period × the grouping's values (nil where not grouped).
    public struct Row: Sendable, Hashable {
        public var period: String
        public var source: String?
        public var platform: String?
        public var agentID: String?
        public var agentName: String?
        public var model: String?
        public var sessions = 0
        public var counts = UsageCounts()
        public var cost = UsageCost.none
    }

    public var rows: [Row]
    public var totals: Row
    /// Session versions found, and how many were skipped as copies of one already read.
    public var versionCount: Int
    public var duplicateVersions: Int

    /// Every committed session version in `store`.
    public static func versions(store: any StateStore) throws -> [Version] {
        try store.versions(source: nil).map {
            Version(source: $0.source, agentID: $0.agentID, sessionID: $0.sessionID, runID: $0.runID, directory: $0.directory, contentSHA256: $0.contentSHA256)
        }
    }

    /// Every session version in the published bags under `outputDirectory` (`<source>/<run-id>/
    /// data/run.json`), for an output folder without state.
    public static func versions(bagsUnder outputDirectory: String) -> [Version] {
        let fm = FileManager.default
        var out: [Version] = []
        for source in ((try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []).filter({ !$0.hasPrefix(".") }).sorted() {
            for run in ((try? fm.contentsOfDirectory(atPath: outputDirectory + "/" + source)) ?? []).filter(RunID.isRunID).sorted() {
                guard let data = fm.contents(atPath: "\(outputDirectory)/\(source)/\(run)/data/run.json"),
                      let doc = try? JSONParser.parse([UInt8](data)) else { continue }
                for s in doc["sessions"]?.arrayValue ?? [] {
                    guard let id = s["id"]?.stringValue, let agent = s["agent_id"]?.stringValue, let directory = s["directory"]?.stringValue else { continue }
                    out.append(Version(source: source, agentID: agent, sessionID: id, runID: run, directory: directory, contentSHA256: s["content_sha256"]?.stringValue ?? ""))
                }
            }
        }
        return out
    }

    private struct Request {
        var milliseconds: Int64?
        var model: String
        var usage: Usage
        var key: String
    }

    private struct RowKey: Hashable {
        var period: String
        var source: String?
        var agentID: String?
        var model: String?
    }

    /// Reads the archives of `versions` under `outputDirectory` and sums their requests.
    public static func make(outputDirectory: String, versions: [Version], options: Options) throws -> UsageReport {
        var bySession: [[String]: [Version]] = [:]
        for v in versions { bySession[[v.source, v.agentID, v.sessionID], default: []].append(v) }
        var rows: [RowKey: Row] = [:]
        var totals = Row(period: "total")
        var duplicates = 0
        for key in bySession.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let newestFirst = (bySession[key] ?? []).sorted { $0.runID > $1.runID }
            var digests = Set<String>()
            var seen = Set<ExactText>()
            var requests: [Request] = []
            var newest: (session: Session, source: SourceDescriptor, totals: SessionTotals)?
            for v in newestFirst {
                if !v.contentSHA256.isEmpty, !digests.insert(v.contentSHA256).inserted {
                    duplicates += 1
                    continue
                }
                let path = "\(outputDirectory)/\(v.source)/\(v.runID)/data/archive/\(v.directory).json.gz"
                guard FileManager.default.fileExists(atPath: path) else {
                    throw ExportError(.output, path: path, message: "session '\(v.sessionID)' of source '\(v.source)' has no archive in bag \(v.runID); chronicle usage reads the archives (export with the archive format)")
                }
                var sessionTotals = SessionTotals()
                let isNewest = newest == nil
                let summary = try ArchiveReader.read(path: path) { e in
                    if isNewest { sessionTotals.add(e) }
                    guard let usage = e.usage else { return }
                    let requestKey = e.requestID.map { "r:" + $0 } ?? e.id.map { "e:" + $0 } ?? "i:\(e.index)"
                    guard seen.insert(ExactText(requestKey)).inserted else { return }
                    requests.append(Request(milliseconds: e.createdAt?.epochMilliseconds, model: e.model ?? "", usage: usage, key: requestKey))
                }
                if isNewest { newest = (summary.session, summary.source, sessionTotals) }
            }
            guard let newest else { continue }
            let touched = add(session: newest, requests: requests, options: options, to: &rows, totals: &totals)
            if touched { totals.sessions += 1 }
        }
        let sorted = rows.keys.sorted {
            ($0.period, $0.source ?? "", $0.agentID ?? "", $0.model ?? "") < ($1.period, $1.source ?? "", $1.agentID ?? "", $1.model ?? "")
        }.compactMap { rows[$0] }
        return UsageReport(rows: sorted, totals: totals, versionCount: versions.count, duplicateVersions: duplicates)
    }

    /// Adds one session's requests (each once) to the rows; returns whether any row took it.
    private static func add(
        session newest: (session: Session, source: SourceDescriptor, totals: SessionTotals), requests: [Request], options: Options,
        to rows: inout [RowKey: Row], totals: inout Row
    ) -> Bool {
        let calendar = options.calendar
        var ledger = SessionUsageLedger(calendar: calendar)
        for r in requests {
            ledger.add(Event(
                id: nil, index: 0, kind: .assistantMessage, platformType: "request",
                createdAt: r.milliseconds.map { Timestamp.unixMilliseconds($0) }, model: r.model, usage: r.usage, requestID: r.key
            ))
        }
        let usage = ledger.finish(session: newest.session, totals: newest.totals, prices: options.prices)
        let startMs = newest.totals.firstEvent?.epochMilliseconds ?? newest.session.createdAt?.epochMilliseconds
        let startDay = startMs.map { calendar.day(epochMilliseconds: $0) } ?? ""
        var touched = Set<RowKey>()
        for bucket in usage.buckets {
            guard let part = included(bucket, requests: requests, startMs: startMs, startDay: startDay, options: options) else { continue }
            let (counts, cost) = part
            let key = RowKey(
                period: options.period.label(ofDay: bucket.day),
                source: options.groups.contains(.source) ? newest.source.name : nil,
                agentID: options.groups.contains(.agent) ? newest.session.agentID : nil,
                model: options.groups.contains(.model) ? bucket.model : nil
            )
            var row = rows[key] ?? Row(
                period: key.period, source: key.source, platform: key.source == nil ? nil : newest.source.platform.rawValue,
                agentID: key.agentID, agentName: key.agentID == nil ? nil : (newest.session.agentName ?? ""), model: key.model
            )
            row.counts.add(counts)
            row.cost.add(cost)
            if touched.insert(key).inserted { row.sessions += 1 }
            rows[key] = row
            totals.counts.add(counts)
            totals.cost.add(cost)
        }
        return !touched.isEmpty
    }

    /// The part of `bucket` inside the report's bounds: all of it, none (nil) or, with a bound
    /// at a time of day, its requests inside (priced again; a platform cost's share in
    /// proportion to the tokens inside, rounded to a micro-dollar).
    private static func included(
        _ bucket: UsageBucket, requests: [Request], startMs: Int64?, startDay: String, options: Options
    ) -> (UsageCounts, UsageCost)? {
        if case .day(let d)? = options.since, bucket.day < d { return nil }
        if case .day(let d)? = options.until, bucket.day > d { return nil }
        var from: Int64?
        var to: Int64?
        if case .instant(let t)? = options.since { from = t }
        if case .instant(let t)? = options.until { to = t }
        guard from != nil || to != nil else { return (bucket.counts, bucket.cost) }
        func inside(_ ms: Int64?) -> Bool {
            guard let ms else { return false }
            return (from.map { ms >= $0 } ?? true) && (to.map { ms < $0 } ?? true)
        }
        let calendar = options.calendar
        let mine = requests.filter { r in
            let day = r.milliseconds.map { calendar.day(epochMilliseconds: $0) } ?? startDay
            return day == bucket.day && r.model == bucket.model
        }
        if mine.isEmpty { return inside(startMs) ? (bucket.counts, bucket.cost) : nil }
        var counts = UsageCounts()
        for r in mine where inside(r.milliseconds ?? startMs) { counts.add(r.usage) }
        if counts.requests == 0 { return nil }
        if counts == bucket.counts { return (counts, bucket.cost) }
        switch bucket.cost.source {
        case .platform:
            guard let amount = bucket.cost.amount else { return (counts, .unknown) }
            let all = bucket.counts.totalTokens ?? 0
            let part = counts.totalTokens ?? 0
            var exact = all > 0 ? amount * Decimal(part) / Decimal(all) : amount * Decimal(counts.requests) / Decimal(max(bucket.counts.requests, 1))
            var rounded = Decimal.zero
            NSDecimalRound(&rounded, &exact, 6, .plain)
            return (counts, .platform(rounded))
        default:
            return (counts, options.prices.cost(of: counts, model: bucket.model))
        }
    }
}
