import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRedact
import Foundation

/// Rebuilds HTML from a bag's archives alone (`chronicle render`) and writes one shareable,
/// self-contained transcript (`chronicle share`).
public struct ArchiveRenderer {
    public let options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    /// What rendering one bag wrote.
    public struct RenderedBag: Sendable {
        public var directory: String
        public var sessions: Int
        public var entries: [IndexEntry]
        public var redactions: RedactionCounts
    }

    /// Renders every archive of `bag` into `<outDirectory>/<source>/<run-id>/`: `index.html`,
    /// `sessions/<dir>/transcript.html` and copies of the stored artifacts the pages show.
    public func render(bag: String, outDirectory: String) throws -> RenderedBag {
        let fm = FileManager.default
        let bagURL = URL(fileURLWithPath: bag).standardizedFileURL
        let runID = bagURL.lastPathComponent
        let sourceName = bagURL.deletingLastPathComponent().lastPathComponent
        let data = bagURL.path + "/data"
        let archives = ((try? fm.contentsOfDirectory(atPath: data + "/archive")) ?? []).filter { $0.hasSuffix(".json.gz") }.sorted()
        guard fm.fileExists(atPath: data + "/archive") else { throw RenderError(path: bag, message: "not a Chronicle bag (no data/archive)") }
        let target = outDirectory + "/" + Self.safeName(sourceName) + "/" + Self.safeName(runID)
        var entries: [IndexEntry] = []
        var counts = RedactionCounts()
        // Each page waits for its links to the sessions before and after it in the index.
        var unfinished: [String: UnfinishedTranscript] = [:]
        do {
            for file in archives {
                let directory = String(file.dropLast(".json.gz".count))
                let folder = target + "/sessions/" + directory
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let writer = try TranscriptWriter(path: folder + "/transcript.html", options: options, homeLink: "../../../../index.html")
                let link = "sessions/\(directory)/transcript.html"
                let (summary, totals, figures, page) = try Self.transcribe(archive: data + "/archive/" + file, into: writer, prices: options.prices, awaitingNeighbours: true)
                if let page { unfinished[link] = page }
                counts.merge(writer.redactions)
                try copyArtifacts(summary.artifacts, from: data, to: target)
                entries.append(Self.entry(summary: summary, totals: totals, figures: figures, link: link))
            }
            // The export's order (agent id, then session id) breaks ties of start time, so the
            // index and the links are the bag's.
            entries.sort { ($0.agentID ?? "", $0.sessionID) < ($1.agentID ?? "", $1.sessionID) }
            try TranscriptNeighbours.forEach(inRunIndexOrder: entries) { entry, neighbours in
                guard let link = entry.link, let page = unfinished.removeValue(forKey: link) else { return }
                _ = try page.finish(neighbours: neighbours, redactor: options.redactor)
            }
            // None is expected: finished without links rather than left as `.partial` files.
            for link in unfinished.keys.sorted() {
                _ = try unfinished.removeValue(forKey: link)?.finish(neighbours: .none, redactor: options.redactor)
            }
        } catch {
            for page in unfinished.values { page.discard() }
            throw error
        }
        try IndexPage.write(
            to: target + "/index.html", title: "\(sourceName): run \(runID)", subtitle: "Rebuilt from the run's archives by \(options.software).",
            entries: entries, options: options, upLink: "../../index.html"
        )
        try copyRunFiles(from: data, to: target)
        return RenderedBag(directory: target, sessions: entries.count, entries: entries, redactions: counts)
    }

    /// Copies the bag's `run.json` and usage CSVs next to the rendered index (what the
    /// cumulative index links to and reads), each atomically.
    private func copyRunFiles(from data: String, to target: String) throws {
        let fm = FileManager.default
        for file in ["run.json", "usage/sessions.csv", "usage/daily.csv", "usage/models.csv"] {
            guard let bytes = fm.contents(atPath: data + "/" + file) else { continue }
            if file.hasPrefix("usage/") { try fm.createDirectory(atPath: target + "/usage", withIntermediateDirectories: true) }
            do { try AtomicFile.write([UInt8](bytes), to: target + "/" + file) } catch {
                throw RenderError(path: target + "/" + file, message: "cannot copy the bag's \(file): \(error)")
            }
        }
    }

    /// Writes one self-contained transcript of `sessionID` from `bag` to `output`: redacted
    /// (as the options say), images inlined as `data:` URIs while `imageBudget` bytes last.
    public func share(bag: String, sessionID: String, output: String, imageBudget: Int) throws {
        let data = URL(fileURLWithPath: bag).standardizedFileURL.path + "/data"
        guard let archive = try Self.findArchive(data: data, sessionID: sessionID) else {
            let ids = try Self.sessionIDs(data: data)
            let shown = ids.prefix(Self.listedSessionIDs).map { "  " + String(reflecting: $0) }.joined(separator: "\n")
            let more = ids.count > Self.listedSessionIDs ? "\n  … and \(ids.count - Self.listedSessionIDs) more" : ""
            throw RenderError(
                path: bag,
                message: ids.isEmpty
                    ? "no session '\(sessionID)' in this bag; it holds no sessions"
                    : "no session '\(sessionID)' in this bag; it holds \(ids.count) session\(ids.count == 1 ? "" : "s"):\n\(shown)\(more)"
            )
        }
        let writer = try TranscriptWriter(path: output, options: options, artifactMode: .embedded(dataDirectory: data, budgetBytes: imageBudget))
        _ = try Self.transcribe(archive: archive, into: writer, prices: options.prices)
    }

    /// Streams one archive's events into `writer` and finishes the page; on any failure the
    /// writer's files are discarded and the error rethrown.
    /// With `awaitingNeighbours`, the page waits for its links to other sessions (returned
    /// unfinished, see ``TranscriptWriter/finishAwaitingNeighbours(session:source:totals:figures:artifacts:problems:)``).
    static func transcribe(
        archive: String, into writer: TranscriptWriter, prices: PriceTable, awaitingNeighbours: Bool = false
    ) throws -> (ArchiveReader.Summary, SessionTotals, SessionFigures, UnfinishedTranscript?) {
        var totals = SessionTotals()
        // The same ledger as the export's: the figures equal the bag's CSVs and run.json.
        var ledger = SessionUsageLedger(calendar: .utc)
        do {
            let summary = try ArchiveReader.read(path: archive) { event in
                totals.add(event)
                ledger.add(event)
                try writer.append(event)
            }
            for a in summary.artifacts { totals.add(a) }
            let figures = SessionFigures(totals: totals, usage: ledger.finish(session: summary.session, totals: totals, prices: prices))
            var page: UnfinishedTranscript?
            if awaitingNeighbours {
                page = try writer.finishAwaitingNeighbours(
                    session: summary.session, source: summary.source, totals: totals, figures: figures, artifacts: summary.artifacts, problems: summary.problems)
            } else {
                try writer.finish(session: summary.session, source: summary.source, totals: totals, figures: figures, artifacts: summary.artifacts, problems: summary.problems)
            }
            return (summary, totals, figures, page)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// How many session ids an unknown id's error lists.
    static let listedSessionIDs = 20

    /// The session ids a bag holds: from run.json, else from each archive's header.
    static func sessionIDs(data: String) throws -> [String] {
        let fm = FileManager.default
        if let bytes = fm.contents(atPath: data + "/run.json"), let doc = try? JSONParser.parse([UInt8](bytes)), let sessions = doc["sessions"]?.arrayValue {
            return sessions.compactMap { $0["id"]?.stringValue }
        }
        var ids: [String] = []
        for file in ((try? fm.contentsOfDirectory(atPath: data + "/archive")) ?? []).sorted() where file.hasSuffix(".json.gz") {
            if let id = try? ArchiveReader.sessionID(path: data + "/archive/" + file) { ids.append(id) }
        }
        return ids
    }

    /// The archive of `sessionID`: from run.json's session list, else by reading each archive's header.
    static func findArchive(data: String, sessionID: String) throws -> String? {
        let fm = FileManager.default
        if let bytes = fm.contents(atPath: data + "/run.json"), let doc = try? JSONParser.parse([UInt8](bytes)) {
            for s in doc["sessions"]?.arrayValue ?? [] where s["id"]?.stringValue == sessionID {
                if let archive = s["archive"]?.stringValue, archive.hasPrefix("archive/"), !archive.contains(".."), fm.fileExists(atPath: data + "/" + archive) {
                    return data + "/" + archive
                }
            }
        }
        for file in ((try? fm.contentsOfDirectory(atPath: data + "/archive")) ?? []).sorted() where file.hasSuffix(".json.gz") {
            let path = data + "/archive/" + file
            if try ArchiveReader.sessionID(path: path) == sessionID { return path }
        }
        return nil
    }

    private func copyArtifacts(_ artifacts: [ArtifactReference], from data: String, to target: String) throws {
        let fm = FileManager.default
        for a in artifacts where a.state == .stored {
            guard let path = a.storedPath, ArtifactPresenter.isStoredPath(path) else { continue }
            try fm.createDirectory(atPath: target + "/artifacts", withIntermediateDirectories: true)
            let destination = target + "/" + path
            if fm.fileExists(atPath: destination) { continue }
            // Only a regular file whose bytes hash to its name is copied: never a link out of the
            // bag, never a FIFO (the copy would hang).
            _ = try BagArtifactFile.copy(dataDirectory: data, storedPath: path, to: destination)
        }
    }

    /// A folder name from a bag path component: letters, digits, `-`, `_`, `.` only.
    static func safeName(_ s: String) -> String {
        let cleaned = String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return cleaned.isEmpty ? "bag" : cleaned
    }

    static func entry(summary: ArchiveReader.Summary, totals t: SessionTotals, figures: SessionFigures, link: String) -> IndexEntry {
        let s = summary.session
        var status = s.status ?? "exported"
        if s.running, status != "running" { status += ", running" }
        if s.possiblyTruncated { status += ", possibly truncated" }
        if summary.problems.contains(where: \.makesRunPartial) { status += ", partial" }
        return IndexEntry(
            source: summary.source.name, title: s.title ?? s.id, sessionID: s.id, agent: s.agentName.map { "\($0) (\(s.agentID))" } ?? s.agentID,
            started: (t.firstEvent ?? s.createdAt)?.utcString, durationSeconds: t.durationSeconds,
            messages: t.userMessages + t.assistantMessages, events: t.events, tokens: nil, status: status, link: link,
            agentID: s.agentID, figures: figures
        )
    }
}
