import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRedact
import ChronicleRender
import Foundation

/// The sink one session's adapter writes into: numbers the events, keeps the totals, streams every
/// record into the archive and every event into the transcript as it arrives.
final class SessionExporter: SessionSink {
    let artifactsDirectory: String
    private var session: Session
    private let source: SourceDescriptor
    private let directory: String
    private let archive: ArchiveWriter
    private let transcript: TranscriptWriter?
    private var totals = SessionTotals()
    private var problems: [ExportProblem] = []
    private var artifacts: [ArtifactReference] = []
    private var nextIndex = 0
    private var records = 0
    private let archiveRelative: String
    private let transcriptRelative: String?
    private var ledger: SessionUsageLedger
    private let prices: PriceTable
    private let dataDirectory: String
    private var digest = ContentDigest()
    private var lastEventID: String?
    private var outputFailure: String?
    private let archiveDigest = StreamingSHA256()
    private var payloadDigests: [PayloadDigest] = []
    /// The source's credential, taken out of what the platform echoes back.
    private let scrubber: SecretScrubber
    private var secretsElided = 0
    /// The bag syncs every payload file once, at finalize.
    let syncsArtifactsOnCommit = false
    /// The session's last committed version, when the policy asked to fetch and compare.
    private let previous: SessionVersionRecord?
    /// The change digest frozen by ``contentUnchanged(upcoming:)``.
    private var frozenDigest: String?
    /// Earlier bags' artifacts, when the run has a state store.
    private let reuse: ArtifactReuse?
    private var heldArtifacts: [HeldArtifact] = []
    /// After ``finish()``: the transcript waiting for its links to the run's neighbouring
    /// sessions (its digest is registered with the bag when they are written, not in the
    /// outcome's `payloadDigests`); nil without HTML or when the page is finished already.
    private(set) var unfinishedTranscript: UnfinishedTranscript?

    init(
        session: Session, source: SourceDescriptor, directory: String, dataDirectory: String, formats: OutputFormats, archiveLevel: Int32,
        usage: UsageOptions = UsageOptions(), renderOptions: RenderOptions = .standard, previous: SessionVersionRecord? = nil,
        reuse: ArtifactReuse? = nil, scrubber: SecretScrubber = .none
    ) throws {
        self.previous = previous
        self.reuse = reuse
        self.scrubber = scrubber
        var session = session
        var elidedInTitle = 0
        if let title = session.title { session.title = scrubber.text(title, &elidedInTitle) }
        ledger = SessionUsageLedger(calendar: usage.calendar)
        prices = usage.prices
        self.session = session
        self.source = source
        self.directory = directory
        self.dataDirectory = dataDirectory
        artifactsDirectory = dataDirectory + "/artifacts"
        archiveRelative = "archive/\(directory).json.gz"
        archive = try ArchiveWriter(path: dataDirectory + "/" + archiveRelative, session: session, source: source, level: archiveLevel)
        let digest = archiveDigest
        archive.onCompressedOutput = { digest.update($0) }
        if formats.html {
            let folder = dataDirectory + "/sessions/" + directory
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            transcriptRelative = "sessions/\(directory)/transcript.html"
            let writer = try TranscriptWriter(
                path: dataDirectory + "/" + (transcriptRelative ?? ""), options: renderOptions, homeLink: "../../../../../index.html")
            // The bag syncs every payload file once, at finalize.
            writer.syncOnFinish = syncsArtifactsOnCommit
            transcript = writer
        } else {
            transcriptRelative = nil
            transcript = nil
        }
        secretsElided = elidedInTitle
        for record in session.raw { try archive.append(SessionItem(record: scrubbed(record))) }
        records = session.raw.count
        // Without an update time the listing record is the only view of a change to the session
        // itself (Vectara: session_context_usage, current_step_name, enabled): part of the digest.
        if session.updatedAt == nil {
            for record in session.raw { self.digest.add(record) }
        }
    }

    func contentUnchanged(upcoming: [RawRecord]) -> Bool {
        var withUpcoming = digest
        for record in upcoming { withUpcoming.add(record) }
        let frozen = frozenDigest ?? withUpcoming.hex()
        frozenDigest = frozen
        guard let previous else { return false }
        return totals.events == previous.eventCount && lastEventID == previous.lastEventID && frozen == previous.contentSHA256
    }

    func reuseHeldArtifact(_ identity: ArtifactIdentity) -> ArtifactReference? {
        guard let reuse else { return nil }
        switch reuse.reuse(agentID: session.agentID, sessionID: session.id, identity: identity, into: artifactsDirectory, sync: syncsArtifactsOnCommit) {
        case .notHeld:
            return nil
        case .unusable(let why):
            problems.append(ExportProblem(.warning, sessionID: session.id, item: "artifact \(identity.artifactID)", message: "an earlier copy is held but cannot be reused (\(why)); downloading it again"))
            return nil
        case .copied(let stored):
            return ArtifactReference(
                artifactID: identity.artifactID, size: stored.size, sha256: stored.sha256, storedPath: "artifacts/" + stored.fileName,
                state: .stored, identity: identity
            )
        }
    }

    func accept(_ item: consuming SessionItem) async throws {
        try Task.checkCancellation()
        digest.add(item.record)
        if let invalid = item.record.invalidJSON {
            report(ExportProblem(.malformed, sessionID: session.id, item: item.record.kind, request: item.record.request, message: "a \(item.record.kind) record is not valid JSON (\(invalid)); it is archived as sent (unparsed_base64) and the records around it are exported"))
        }
        if !scrubber.isEmpty { item.record = scrubbed(item.record) }
        for i in item.events.indices {
            if !scrubber.isEmpty { item.events[i] = scrubber.scrub(item.events[i], count: &secretsElided) }
            item.events[i].index = nextIndex
            nextIndex += 1
            totals.add(item.events[i])
            ledger.add(item.events[i])
            if let id = item.events[i].id { lastEventID = id }
            try transcript?.append(item.events[i])
        }
        for artifact in item.artifacts {
            totals.add(artifact)
            artifacts.append(artifact)
            if artifact.state == .stored, let path = artifact.storedPath, let sha = artifact.sha256, let size = artifact.size {
                payloadDigests.append(PayloadDigest(relativePath: path, sha256: sha, size: size))
                if let identity = artifact.identity {
                    heldArtifacts.append(HeldArtifact(identity: identity, sha256: sha, size: size, storedPath: path))
                }
            }
        }
        records += 1
        do {
            try archive.append(item)
        } catch let error as ArchiveItemTooLarge {
            report(ExportProblem(.malformed, sessionID: session.id, item: item.record.kind, request: item.record.request, message: error.description))
        }
    }

    /// The record with the source's credential elided from its raw bytes (counted and marked).
    private func scrubbed(_ record: RawRecord) -> RawRecord {
        guard !scrubber.isEmpty else { return record }
        let (clean, n) = scrubber.scrubJSON(record.bytes)
        guard n > 0 else { return record }
        var out = record
        out.bytes = clean
        out.elidedSecrets = n
        secretsElided += n
        return out
    }

    func report(_ problem: ExportProblem) {
        // Adapters report an artifact they could not store as a problem of that artifact; when the
        // cause is the output itself (full disk, read-only, quota), the whole run must fail instead.
        if outputFailure == nil, OutputFailure.isOutputFailure(problem.message) {
            outputFailure = problem.message
        }
        problems.append(problem)
    }

    func markPossiblyTruncated(reason: String) {
        session.possiblyTruncated = true
        problems.append(ExportProblem(.warning, sessionID: session.id, item: "history", message: reason))
    }

    func finish() throws -> SessionOutcome {
        if let outputFailure {
            transcript?.discard()
            throw ExportError(.output, path: dataDirectory, message: "cannot write the bag: \(outputFailure); free space or make the output folder writable, then run again (nothing was published)")
        }
        if secretsElided > 0 {
            problems.append(ExportProblem(
                .warning, sessionID: session.id, item: "credential",
                message: "the platform sent this source's credential back \(secretsElided) time(s); it is replaced by [REDACTED:credential] in the transcript, the normalised events and the archived records (marked elided_secrets)"
            ))
        }
        let summary: JSONValue = .object([
            .init("records", .number(String(records))),
            .init("events", .number(String(totals.events))),
            .init("artifacts", .array(artifacts.map(ModelJSON.artifact))),
            .init("possibly_truncated", .bool(session.possiblyTruncated)),
            .init("problems", .array(problems.map(ModelJSON.problem))),
        ])
        let gz = try archive.finish(summary: summary, sync: false)
        payloadDigests.append(PayloadDigest(relativePath: archiveRelative, sha256: archiveDigest.finalizeHex(), size: archiveDigest.byteCount))
        let usage = ledger.finish(session: session, totals: totals, prices: prices)
        unfinishedTranscript = try transcript?.finishAwaitingNeighbours(
            session: session, source: source, totals: totals, figures: SessionFigures(totals: totals, usage: usage), artifacts: artifacts, problems: problems)
        if let transcriptRelative, let written = transcript?.written {
            payloadDigests.append(PayloadDigest(relativePath: transcriptRelative, sha256: written.sha256, size: written.size))
        }
        var light = session
        light.raw = []
        var outcome = SessionOutcome(
            session: light, directory: directory, totals: totals, problems: problems,
            archivePath: archiveRelative, transcriptPath: transcriptRelative, archiveBytes: gz.compressedBytes,
            usage: usage,
            lastEventID: lastEventID, contentSHA256: frozenDigest ?? digest.hex(),
            payloadDigests: payloadDigests
        )
        outcome.heldArtifacts = heldArtifacts
        outcome.redactions = transcript?.redactions ?? RedactionCounts()
        return outcome
    }

    func discard() {
        transcript?.discard()
        unfinishedTranscript?.discard()
    }

    /// Removes a finished session's archive and transcript from the bag (a session fetched only
    /// to learn that it had not changed). Its artifacts stay: they are content-addressed and may
    /// be shared with other sessions; they remain valid payload.
    static func removeOutputs(of outcome: SessionOutcome, dataDirectory: String) {
        let fm = FileManager.default
        try? fm.removeItem(atPath: dataDirectory + "/" + outcome.archivePath)
        if outcome.transcriptPath != nil {
            try? fm.removeItem(atPath: dataDirectory + "/sessions/" + outcome.directory)
        }
    }
}
