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
    /// Where exported versions are remembered; nil exports everything and remembers nothing.
    public var store: (any StateStore)?
    public var policy: IncrementalPolicy
    /// List what would be exported: no bag, no state change.
    public var dryRun: Bool
    public var progress: (any ExportProgress)?
    /// Test hook (hidden `--commit-delay-ms`): a pause between publishing the bag and committing
    /// it, so crash tests can kill a run inside that window.
    public var commitDelayMilliseconds = 0
    /// Templates, time zone and redaction for the HTML pages.
    public var renderOptions: RenderOptions = .standard
    /// The source's credential, replaced wherever the platform sends it back (bodies included).
    public var secretScrubber: SecretScrubber = .none

    public init(
        adapter: any PlatformAdapter, outputDirectory: String, concurrency: Int, formats: OutputFormats,
        archiveLevel: Int32 = ArchiveWriter.defaultLevel, software: String, logger: Logger, usage: UsageOptions = UsageOptions(), store: (any StateStore)? = nil,
        policy: IncrementalPolicy = IncrementalPolicy(), dryRun: Bool = false, progress: (any ExportProgress)? = nil
    ) {
        self.usage = usage
        self.adapter = adapter
        self.outputDirectory = outputDirectory
        self.concurrency = max(1, concurrency)
        self.formats = formats
        self.archiveLevel = archiveLevel
        self.software = software
        self.logger = logger
        self.store = store
        self.policy = policy
        self.dryRun = dryRun
        self.progress = progress
    }

    var source: SourceDescriptor { adapter.source }

    /// Exports the source into one new bag and commits it in state.
    ///
    /// Order of durability: every payload file, manifest and folder is fsynced, the bag is
    /// renamed into place (never replacing one), the source folder is fsynced, and only then are the
    /// run and its session versions committed in one transaction. A run stopped before the rename
    /// leaves an `.incomplete-*` folder, removed by the next run; one stopped between rename and
    /// commit leaves a complete bag that the next run adopts (see `OrphanBags`).
    ///
    /// A run with nothing new still publishes a bag (run.json with no sessions and the skipped
    /// count): the nightly record, the chain and the state's run history go on unbroken.
    public func run(now: Date = Date()) async -> SourceRunResult {
        let clock = ContinuousClock.now
        var result = SourceRunResult(source: source, status: .failed, sessions: 0, events: 0, artifacts: 0, problems: [], durationSeconds: 0)
        let sourceDirectory = outputDirectory + "/" + source.name
        var bag: BagBuilder?
        var published = false
        progress?.sourceStarted(source.name)
        defer { progress?.sourceFinished(source.name) }
        do {
            if dryRun {
                var previousVersions = try store?.latestVersions(source: source.name) ?? [:]
                // Bags that the next real run would adopt count as exported.
                if let store {
                    for (_, versions) in try OrphanBags.find(sourceDirectory: sourceDirectory, source: source.name, store: store, now: Self.iso(now)) {
                        for v in versions { previousVersions[v.key] = v }
                    }
                }
                result.wouldExport = try await plan(previous: previousVersions, result: &result)
                result.status = .complete
                result.durationSeconds = Self.seconds(ContinuousClock.now - clock)
                return result
            }
            try Self.makeSourceDirectory(sourceDirectory)
            for leftover in try BagBuilder.cleanUpIncomplete(in: sourceDirectory) {
                logger.notice("removed the unfinished bag \(leftover) of an interrupted run", metadata: ["source": "\(source.name)"])
            }
            if let store {
                result.adoptedRuns = try OrphanBags.adopt(sourceDirectory: sourceDirectory, source: source.name, store: store, logger: logger, now: Self.iso(now))
            }
            let previousVersions = try store?.latestVersions(source: source.name) ?? [:]
            let previous = try BagChain.latest(in: sourceDirectory)
            result.previousRunID = previous?.runID
            let runID = RunID.make(date: now)
            let builder = try BagBuilder(sourceDirectory: sourceDirectory, runID: runID, softwareAgent: software)
            bag = builder
            let data = builder.dataDirectory
            for folder in ["archive", "artifacts", "sessions"] {
                try FileManager.default.createDirectory(atPath: data + "/" + folder, withIntermediateDirectories: true)
            }
            let agents = try await adapter.agents()
            logger.info("listing sessions", metadata: ["source": "\(source.name)", "agents": "\(agents.count)"])
            OutcomeSpool.removeLeftovers(in: sourceDirectory)
            let outcomes = try OutcomeSpool(directory: sourceDirectory)
            defer { outcomes.remove() }
            var transcripts: [String: UnfinishedTranscript] = [:]
            let writeback = BackgroundWriteback(path: builder.temporaryPath)
            var problems = try await exportSessions(
                agents: agents, dataDirectory: data, previous: previousVersions, outcomes: outcomes, transcripts: &transcripts,
                writeback: writeback, result: &result)
            // The sessions' files are written: the last second's of them start out to disk.
            writeback.flushNow()
            outcomes.sort()
            // One pass over the sessions (each read back from the spool) for what the bag, the
            // counts, the index and the usage tables need. run.json has its members printed
            // already; the state store's records are made one at a time as they are committed,
            // after the bag is published (held together, 5,000 of them added 5 MB to the peak).
            var totals = RunTotals()
            var entries: [IndexEntry] = []
            var usageCollector = UsageCollector(source: source, options: usage, csv: formats.csv)
            var agentNames: [String: String] = [:]
            for agent in agents { if let name = agent.name { agentNames[agent.id] = name } }
            builder.reserveDigests(
                count: outcomes.payloadDigestCount + transcripts.count, pathBytes: outcomes.payloadDigestPathBytes + transcripts.keys.reduce(0) { $0 + $1.utf8.count })
            try writingSessionsCSV(dataDirectory: data) { emitRows in
                try outcomes.forEach { o in
                    for digest in o.payloadDigests {
                        builder.recordDigest(relativePath: digest.relativePath, sha256: digest.sha256, size: digest.size)
                    }
                    problems.append(contentsOf: o.problems)
                    totals.add(o)
                    if formats.html { entries.append(Self.entry(o, source: source.name, linkPrefix: "", agentNames: agentNames)) }
                    usageCollector.add(o)
                    if usageCollector.pendingSessionBytes >= 1 << 16 { try emitRows(usageCollector.takeSessionRows()) }
                }
                try emitRows(usageCollector.takeSessionRows())
            }
            let status: SourceRunResult.Status = problems.contains(where: \.makesRunPartial) ? .partial : .complete
            // The run's index page is written on the other core while the transcripts get their
            // links (both only read `entries`); it is waited for before anything else ends.
            let indexPage = formats.html ? BackgroundWork { [entries, renderOptions] in
                try IndexPage.write(
                    to: data + "/index.html", title: "\(source.name): run \(runID)",
                    subtitle: "Exported from \(source.platform.rawValue) by \(software); status \(status.rawValue).",
                    entries: entries, options: renderOptions, upLink: "../../../index.html"
                )
            } : nil
            do {
                try finishTranscripts(&transcripts, entries: entries, builder: builder, writeback: writeback)
            } catch {
                try? indexPage?.wait()
                throw error
            }
            try indexPage?.wait()
            // And the pages' ends, while run.json and the manifests are written.
            writeback.flushNow()
            entries = []
            try Task.checkCancellation()
            let usageRows = try writeUsage(usageCollector, dataDirectory: data)
            let finished = Date()
            try RunDocument.write(
                to: data + "/run.json", source: source, runID: runID, started: Self.iso(now), finished: Self.iso(finished), status: status,
                previous: previous.map { ($0.runID, $0.tagManifestSHA256) }, agents: agents, totals: totals, outcomes: outcomes,
                problems: problems, software: software, skipped: result.skipped,
                extra: UsageDocument.members(rows: usageRows, options: usage, csvWritten: formats.csv)
            )
            let events = totals.events
            let artifacts = totals.artifacts
            try Task.checkCancellation()
            let finishedBag = try builder.finalize(info: [
                ("Source-Organization", source.name),
                ("External-Description", "Chronicle export of \(source.platform.rawValue) source '\(source.name)'"),
                ("Chronicle-Run-ID", runID),
                ("Chronicle-Run-Status", status.rawValue),
                ("Chronicle-Platform", source.platform.rawValue),
                ("Chronicle-Sessions", String(totals.sessions)),
                ("Chronicle-Events", String(events)),
                ("Chronicle-Artifacts", String(artifacts)),
                ("Chronicle-Problems", String(problems.filter(\.makesRunPartial).count)),
                ("Chronicle-Previous-Run", previous?.runID ?? "none"),
                ("Chronicle-Previous-Tagmanifest-SHA256", previous?.tagManifestSHA256 ?? "none"),
            ])
            bag = nil
            published = true
            result.status = status
            result.bagPath = finishedBag.path
            result.runID = finishedBag.runID
            result.tagManifestSHA256 = finishedBag.tagManifestSHA256
            result.payloadBytes = finishedBag.payloadBytes
            result.sessions = totals.sessions
            result.events = events
            result.artifacts = artifacts
            result.problems = problems
            result.usageByModel = usageRows
            result.tokens = totals.tokens
            if commitDelayMilliseconds > 0 { usleep(UInt32(commitDelayMilliseconds) * 1000) }
            if let store {
                let stamp = Self.iso(Date())
                let run = RunRecord(
                    source: source.name, runID: finishedBag.runID, status: status == .partial ? .partial : .complete,
                    startedAt: Self.iso(now), finishedAt: stamp, bagPath: source.name + "/" + finishedBag.runID,
                    tagManifestSHA256: finishedBag.tagManifestSHA256, previousRunID: previous?.runID, exported: totals.sessions,
                    skipped: result.skipped, missing: problems.filter { $0.kind == .missing }.count, events: events,
                    artifacts: artifacts, bytes: finishedBag.payloadBytes
                )
                try store.commit(run: run, versionCount: outcomes.count) {
                    StateRecords.version(try outcomes.outcome(at: $0), source: source.name, runID: finishedBag.runID, exportedAt: stamp)
                }
            }
        } catch {
            bag?.discard()
            let interrupted = error is CancellationError || Task.isCancelled
            let failure: any Error & Sendable = interrupted && !published
                ? ExportError(.interrupted, message: "interrupted; the bag in progress was discarded and nothing was committed")
                : error
            result.failure = failure
            result.status = .failed
            if !published, let store {
                let run = RunRecord(
                    source: source.name, runID: nil, status: interrupted ? .interrupted : .failed, startedAt: Self.iso(now),
                    finishedAt: Self.iso(Date()), message: "\(failure)"
                )
                do { try store.recordUnpublished(run: run) } catch { logger.warning("\(error)") }
            }
        }
        result.durationSeconds = Self.seconds(ContinuousClock.now - clock)
        return result
    }

    /// `--dry-run`: lists every session and says what a run would do with it, fetching nothing.
    func plan(previous: [SessionKey: SessionVersionRecord], result: inout SourceRunResult) async throws -> [String] {
        var lines: [String] = []
        var skipped = 0
        var outOfRange = 0
        let agents = try await adapter.agents()
        for agent in agents {
            try await adapter.listSessions(of: agent, problem: { _ in }) { session in
                try Task.checkCancellation()
                let key = SessionKey(agentID: session.agentID, sessionID: session.id)
                switch policy.decide(session, previous: previous[key]) {
                case .new: lines.append("\(session.agentID)/\(session.id): new")
                case .changed(let why): lines.append("\(session.agentID)/\(session.id): changed (\(why))")
                case .fetchAndCompare: lines.append("\(session.agentID)/\(session.id): fetched to compare (no updated_at in the listing)")
                case .unchanged: skipped += 1
                case .outOfRange: outOfRange += 1
                }
            }
        }
        result.skipped = skipped
        result.outOfRange = outOfRange
        return lines
    }

    /// Writes every transcript's links to the sessions before and after it in the run's index
    /// (`entries`, in the spool's order), finishes the page and registers its final digest with
    /// the bag. Only sessions the bag holds are in `entries`: a session removed after fetching
    /// (unchanged) is never linked. Any page left over (none is expected) is finished without
    /// links, so no `.partial` file reaches the bag. Each page nudges `writeback`.
    func finishTranscripts(
        _ transcripts: inout [String: UnfinishedTranscript], entries: [IndexEntry], builder: BagBuilder, writeback: BackgroundWriteback
    ) throws {
        func finish(_ relative: String, _ neighbours: TranscriptNeighbours) throws {
            guard let unfinished = transcripts.removeValue(forKey: relative) else { return }
            writeback.nudge()
            let written = try unfinished.finish(neighbours: neighbours, redactor: renderOptions.redactor)
            builder.recordDigest(relativePath: relative, sha256: written.sha256, size: written.size)
        }
        try TranscriptNeighbours.forEach(inRunIndexOrder: entries) { entry, neighbours in
            if let link = entry.link { try finish(link, neighbours) }
        }
        for relative in transcripts.keys.sorted() { try finish(relative, .none) }
    }

    /// Lists every agent's sessions and exports those new or changed, with at most `concurrency`
    /// in flight. Unchanged sessions are counted in `result.skipped` without being fetched.
    /// `transcripts` receives each exported session's transcript waiting for its links, by its
    /// path relative to the bag's `data/`. Each finished session nudges `writeback`, so the
    /// bag's files go to disk while the run goes on.
    func exportSessions(
        agents: [Agent], dataDirectory: String, previous: [SessionKey: SessionVersionRecord] = [:], outcomes: OutcomeSpool,
        transcripts: inout [String: UnfinishedTranscript], writeback: BackgroundWriteback, result: inout SourceRunResult
    ) async throws -> [ExportProblem] {
        var problems: [ExportProblem] = []
        var unfinished: [String: UnfinishedTranscript] = [:]
        var names = DirectoryNames()
        var seen = Set<SessionKey>()
        var skipped = 0
        var unchangedAfterFetch = 0
        var outOfRange = 0
        let reuse = try store.flatMap {
            try $0.mayHoldArtifacts(source: source.name) ? ArtifactReuse(store: $0, source: source.name, sourceDirectory: outputDirectory + "/" + source.name) : nil
        }
        let context = SessionTaskContext(
            adapter: adapter, dataDirectory: dataDirectory, formats: formats, archiveLevel: archiveLevel, logger: logger, usage: usage,
            renderOptions: renderOptions, reuse: reuse, scrubber: secretScrubber
        )
        let sourceName = source.name
        let progress = progress
        func take(_ done: (SessionOutcome, UnfinishedTranscript?, Bool)) throws {
            let (outcome, transcript, compare) = done
            writeback.nudge()
            progress?.sessionExported(source: sourceName, sessionID: outcome.session.id, events: outcome.totals.events, artifacts: outcome.totals.artifacts, bytes: outcome.archiveBytes + UInt64(max(0, outcome.totals.artifactBytes)))
            let key = SessionKey(agentID: outcome.session.agentID, sessionID: outcome.session.id)
            if compare, let before = previous[key], !IncrementalPolicy.contentChanged(outcome, previous: before) {
                SessionExporter.removeOutputs(of: outcome, dataDirectory: dataDirectory)
                unchangedAfterFetch += 1
                return
            }
            try outcomes.append(outcome, runJSON: RunDocument.element(outcome))
            if let transcript, let relative = outcome.transcriptPath { unfinished[relative] = transcript }
        }
        try await withThrowingTaskGroup(of: (SessionOutcome, UnfinishedTranscript?, Bool).self) { group in
            var inFlight = 0
            for agent in agents {
                try await adapter.listSessions(of: agent, problem: { problems.append($0) }) { session in
                    try Task.checkCancellation()
                    let key = SessionKey(agentID: session.agentID, sessionID: session.id)
                    guard seen.insert(key).inserted else {
                        problems.append(ExportProblem(.warning, sessionID: session.id, item: "listing", message: "listed twice in one run; exported once"))
                        return
                    }
                    let decision = policy.decide(session, previous: previous[key])
                    switch decision {
                    case .unchanged:
                        skipped += 1
                        progress?.sessionListed(source: sourceName, willExport: false)
                        return
                    case .outOfRange:
                        outOfRange += 1
                        return
                    case .new, .changed, .fetchAndCompare:
                        progress?.sessionListed(source: sourceName, willExport: true)
                    }
                    if inFlight >= concurrency, let done = try await group.next() {
                        try take(done)
                        inFlight -= 1
                    }
                    let directory = names.claim(session)
                    let compare = decision == .fetchAndCompare
                    let before = compare ? previous[key] : nil
                    group.addTask {
                        let (outcome, transcript) = try await context.export(session, directory: directory, previous: before)
                        return (outcome, transcript, compare)
                    }
                    inFlight += 1
                }
            }
            progress?.listingFinished(source: sourceName)
            while let done = try await group.next() { try take(done) }
        }
        transcripts = unfinished
        result.skipped = skipped + unchangedAfterFetch
        result.unchangedAfterFetch = unchangedAfterFetch
        result.outOfRange = outOfRange
        return problems
    }

    /// The index row of a session; the agent shown as "name (id)" where the platform names it.
    static func entry(_ o: SessionOutcome, source: String, linkPrefix: String, agentNames: [String: String] = [:]) -> IndexEntry {
        let t = o.totals
        var status = o.session.status ?? "exported"
        if o.session.running, status != "running" { status += ", running" }
        if o.session.possiblyTruncated { status += ", possibly truncated" }
        if o.problems.contains(where: \.makesRunPartial) { status += ", partial" }
        return IndexEntry(
            source: source, title: o.session.title ?? o.session.id, sessionID: o.session.id, agent: (o.session.agentName ?? agentNames[o.session.agentID]).map { "\($0) (\(o.session.agentID))" } ?? o.session.agentID,
            started: (t.firstEvent ?? o.session.createdAt)?.utcString, durationSeconds: t.durationSeconds,
            messages: t.userMessages + t.assistantMessages, events: t.events, tokens: nil, status: status,
            link: o.transcriptPath.map { linkPrefix + $0 }, agentID: o.session.agentID, figures: o.figures
        )
    }

    /// Creates `<out>/<source>/`, or says in one line why it cannot be (a file of that name,
    /// no permission) instead of Foundation's raw error.
    static func makeSourceDirectory(_ path: String) throws {
        // A link would let the bags land outside the output folder and breaks the folder's
        // fsync after publishing (which then said "no bag was published" about a published
        // bag): refused before anything is written.
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            throw ExportError(.output, path: path, message: "the source's output folder is a symbolic link; Chronicle writes bags only into real folders: replace the link with the folder it points to (or point --out at the real location)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ExportError(.output, path: path, message: "the source's output folder is a file, not a folder; move the file away or choose another --out")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let reason = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? (error as NSError).localizedDescription
            throw ExportError(.output, path: path, message: "cannot create the source's output folder: \(reason); check that the output folder is writable")
        }
    }

    static func iso(_ date: Date) -> String {
        Timestamp.formatUTC(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    public static func seconds(_ d: Duration) -> Double {
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
    var renderOptions: RenderOptions = .standard
    /// Earlier bags' artifacts, reused instead of downloaded; nil without a state store.
    var reuse: ArtifactReuse?
    var scrubber: SecretScrubber = .none

    /// Exports one session. A credential refusal ends the source (rethrown); any other failure
    /// of the session is recorded and the run goes on as partial.
    /// `previous`: the last committed version, when the session is fetched to be compared with it.
    /// - Returns: the outcome and the transcript waiting for its links (see ``SessionExporter/unfinishedTranscript``).
    func export(_ session: Session, directory: String, previous: SessionVersionRecord? = nil) async throws -> (SessionOutcome, UnfinishedTranscript?) {
        let exporter = try SessionExporter(
            session: session, source: adapter.source, directory: directory, dataDirectory: dataDirectory, formats: formats, archiveLevel: archiveLevel,
            usage: usage, renderOptions: renderOptions, previous: previous, reuse: reuse, scrubber: scrubber
        )
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
        let outcome = try exporter.finish()
        return (outcome, exporter.unfinishedTranscript)
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

