import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRender
import Foundation
import Logging

/// Exports one source into one new bag: lists agents and sessions, exports sessions concurrently
/// (at most `concurrency` at a time, as the listing streams in), writes run.json and the run's
/// index, and publishes the bag only when everything is written and flushed.
public struct SourceExport: Sendable {
    public let adapter: any PlatformAdapter
    public let outputDirectory: String
    public let concurrency: Int
    public let formats: OutputFormats
    public let archiveLevel: Int32
    public let software: String
    public let logger: Logger
    /// Time zone, prices and CSV options of the usage summaries.
    public let usage: UsageOptions

    public init(
        adapter: any PlatformAdapter, outputDirectory: String, concurrency: Int, formats: OutputFormats,
        archiveLevel: Int32 = 6, software: String, logger: Logger, usage: UsageOptions = UsageOptions()
    ) {
        self.usage = usage
        self.adapter = adapter
        self.outputDirectory = outputDirectory
        self.concurrency = max(1, concurrency)
        self.formats = formats
        self.archiveLevel = archiveLevel
        self.software = software
        self.logger = logger
    }

    var source: SourceDescriptor { adapter.source }

    public func run(now: Date = Date()) async -> SourceRunResult {
        let clock = ContinuousClock.now
        var result = SourceRunResult(source: source, status: .failed, sessions: 0, events: 0, artifacts: 0, problems: [], durationSeconds: 0)
        let sourceDirectory = outputDirectory + "/" + source.name
        var bag: BagBuilder?
        do {
            try FileManager.default.createDirectory(atPath: sourceDirectory, withIntermediateDirectories: true)
            for leftover in try BagBuilder.cleanUpIncomplete(in: sourceDirectory) {
                logger.notice("removed the unfinished bag \(leftover) of an interrupted run", metadata: ["source": "\(source.name)"])
            }
            let previous = try BagChain.latest(in: sourceDirectory)
            let runID = RunID.make(date: now)
            let builder = try BagBuilder(sourceDirectory: sourceDirectory, runID: runID, softwareAgent: software)
            bag = builder
            let data = builder.dataDirectory
            for folder in ["archive", "artifacts", "sessions"] {
                try FileManager.default.createDirectory(atPath: data + "/" + folder, withIntermediateDirectories: true)
            }
            let agents = try await adapter.agents()
            logger.info("listing sessions", metadata: ["source": "\(source.name)", "agents": "\(agents.count)"])
            var (outcomes, problems) = try await exportSessions(agents: agents, dataDirectory: data)
            outcomes.sort { ($0.session.agentID, $0.session.id) < ($1.session.agentID, $1.session.id) }
            for digest in outcomes.flatMap(\.payloadDigests) {
                builder.recordDigest(relativePath: digest.relativePath, sha256: digest.sha256, size: digest.size)
            }
            problems.append(contentsOf: outcomes.flatMap(\.problems))
            let status: SourceRunResult.Status = problems.contains(where: \.makesRunPartial) ? .partial : .complete
            let usageRows = try writeUsage(outcomes: outcomes, dataDirectory: data)
            let finished = Date()
            let document = RunDocument.make(
                source: source, runID: runID, started: Self.iso(now), finished: Self.iso(finished), status: status,
                previous: previous.map { ($0.runID, $0.tagManifestSHA256) }, agents: agents, outcomes: outcomes,
                problems: problems, software: software,
                extra: UsageDocument.members(rows: usageRows, options: usage, csvWritten: formats.csv)
            )
            try AtomicFile.write(PrettyJSON.bytes(document), to: data + "/run.json")
            if formats.html {
                let page = IndexPage.render(
                    title: "\(source.name): run \(runID)", subtitle: "Exported from \(source.platform.rawValue) by \(software); status \(status.rawValue).",
                    entries: outcomes.map { Self.entry($0, source: source.name, linkPrefix: "") }
                )
                try AtomicFile.write(Array(page.utf8), to: data + "/index.html")
            }
            let events = outcomes.reduce(0) { $0 + $1.totals.events }
            let artifacts = outcomes.reduce(0) { $0 + $1.totals.artifacts }
            let finishedBag = try builder.finalize(info: [
                ("Source-Organization", source.name),
                ("External-Description", "Chronicle export of \(source.platform.rawValue) source '\(source.name)'"),
                ("Chronicle-Run-ID", runID),
                ("Chronicle-Run-Status", status.rawValue),
                ("Chronicle-Platform", source.platform.rawValue),
                ("Chronicle-Sessions", String(outcomes.count)),
                ("Chronicle-Events", String(events)),
                ("Chronicle-Artifacts", String(artifacts)),
                ("Chronicle-Problems", String(problems.filter(\.makesRunPartial).count)),
                ("Chronicle-Previous-Run", previous?.runID ?? "none"),
                ("Chronicle-Previous-Tagmanifest-SHA256", previous?.tagManifestSHA256 ?? "none"),
            ])
            bag = nil
            result.status = status
            result.bagPath = finishedBag.path
            result.runID = finishedBag.runID
            result.tagManifestSHA256 = finishedBag.tagManifestSHA256
            result.sessions = outcomes.count
            result.events = events
            result.artifacts = artifacts
            result.problems = problems
            result.usageByModel = usageRows
        } catch {
            bag?.discard()
            result.failure = error
            result.status = .failed
        }
        result.durationSeconds = Self.seconds(ContinuousClock.now - clock)
        return result
    }

    /// Lists every agent's sessions and exports them with at most `concurrency` in flight.
    func exportSessions(agents: [Agent], dataDirectory: String) async throws -> ([SessionOutcome], [ExportProblem]) {
        var outcomes: [SessionOutcome] = []
        var problems: [ExportProblem] = []
        var names = DirectoryNames()
        let context = SessionTaskContext(adapter: adapter, dataDirectory: dataDirectory, formats: formats, archiveLevel: archiveLevel, logger: logger, usage: usage)
        try await withThrowingTaskGroup(of: SessionOutcome.self) { group in
            var inFlight = 0
            for agent in agents {
                try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { session in
                    if inFlight >= concurrency, let done = try await group.next() {
                        outcomes.append(done)
                        inFlight -= 1
                    }
                    let directory = names.claim(session)
                    group.addTask { try await context.export(session, directory: directory) }
                    inFlight += 1
                }
            }
            while let done = try await group.next() { outcomes.append(done) }
        }
        return (outcomes, problems)
    }

    static func entry(_ o: SessionOutcome, source: String, linkPrefix: String) -> IndexEntry {
        let t = o.totals
        var status = o.session.status ?? "exported"
        if o.session.running { status += ", running" }
        if o.session.possiblyTruncated { status += ", possibly truncated" }
        if o.problems.contains(where: \.makesRunPartial) { status += ", partial" }
        var tokens: Int64?
        if t.usageKnown { tokens = (t.inputTokens ?? 0) + (t.outputTokens ?? 0) }
        return IndexEntry(
            source: source, title: o.session.title ?? o.session.id, sessionID: o.session.id, agent: o.session.agentName ?? o.session.agentID,
            started: (t.firstEvent ?? o.session.createdAt)?.utcString, durationSeconds: t.durationSeconds,
            messages: t.userMessages + t.assistantMessages, events: t.events, tokens: tokens, status: status,
            link: o.transcriptPath.map { linkPrefix + $0 }
        )
    }

    static func iso(_ date: Date) -> String {
        Timestamp.formatUTC(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// What a session task needs, shareable across tasks.
struct SessionTaskContext: Sendable {
    let adapter: any PlatformAdapter
    let dataDirectory: String
    let formats: OutputFormats
    let archiveLevel: Int32
    let logger: Logger
    let usage: UsageOptions

    /// Exports one session. A credential refusal ends the source (rethrown); any other failure
    /// of the session is recorded and the run goes on as partial.
    func export(_ session: Session, directory: String) async throws -> SessionOutcome {
        let exporter = try SessionExporter(session: session, source: adapter.source, directory: directory, dataDirectory: dataDirectory, formats: formats, archiveLevel: archiveLevel, usage: usage)
        do {
            try await adapter.exportSession(session, into: exporter)
        } catch let error as PlatformError {
            if case .credentialsRefused = error.kind {
                exporter.discard()
                throw error
            }
            let kind: ExportProblem.Kind = error.kind == .notFound ? .missing : .failedSession
            exporter.report(ExportProblem(kind, sessionID: session.id, item: "session", request: error.request, message: error.description))
            logger.warning("\(error)")
        }
        return try exporter.finish()
    }
}

/// Hands out session folder names, unique within a run even if two agents share a session id.
struct DirectoryNames {
    private var used: Set<String> = []

    mutating func claim(_ session: Session) -> String {
        var name = SessionDirectoryName.make(forID: session.id)
        if !used.insert(name).inserted {
            name = SessionDirectoryName.make(forID: session.agentID + "\u{0}" + session.id)
            used.insert(name)
        }
        return name
    }
}
