import ChronicleCore
import ChronicleJSON
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
    private let archiveDigest = StreamingSHA256()
    private var payloadDigests: [PayloadDigest] = []
    /// The bag syncs every payload file once, at finalize.
    let syncsArtifactsOnCommit = false

    init(session: Session, source: SourceDescriptor, directory: String, dataDirectory: String, formats: OutputFormats, archiveLevel: Int32, usage: UsageOptions = UsageOptions()) throws {
        ledger = SessionUsageLedger(calendar: usage.calendar)
        prices = usage.prices
        self.session = session
        self.source = source
        self.directory = directory
        artifactsDirectory = dataDirectory + "/artifacts"
        archiveRelative = "archive/\(directory).json.gz"
        archive = try ArchiveWriter(path: dataDirectory + "/" + archiveRelative, session: session, source: source, level: archiveLevel)
        let digest = archiveDigest
        archive.onCompressedOutput = { digest.update($0) }
        if formats.html {
            let folder = dataDirectory + "/sessions/" + directory
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            transcriptRelative = "sessions/\(directory)/transcript.html"
            transcript = try TranscriptWriter(path: dataDirectory + "/" + (transcriptRelative ?? ""))
        } else {
            transcriptRelative = nil
            transcript = nil
        }
        for record in session.raw { try archive.append(SessionItem(record: record)) }
        records = session.raw.count
    }

    func accept(_ item: SessionItem) async throws {
        var item = item
        for i in item.events.indices {
            item.events[i].index = nextIndex
            nextIndex += 1
            totals.add(item.events[i])
            ledger.add(item.events[i])
            try transcript?.append(item.events[i])
        }
        for artifact in item.artifacts {
            totals.add(artifact)
            artifacts.append(artifact)
            if artifact.state == .stored, let path = artifact.storedPath, let sha = artifact.sha256, let size = artifact.size {
                payloadDigests.append(PayloadDigest(relativePath: path, sha256: sha, size: size))
            }
        }
        records += 1
        try archive.append(item)
    }

    func report(_ problem: ExportProblem) {
        problems.append(problem)
    }

    func markPossiblyTruncated(reason: String) {
        session.possiblyTruncated = true
        problems.append(ExportProblem(.warning, sessionID: session.id, item: "history", message: reason))
    }

    func finish() throws -> SessionOutcome {
        let summary: JSONValue = .object([
            .init("records", .number(String(records))),
            .init("events", .number(String(totals.events))),
            .init("artifacts", .array(artifacts.map(ModelJSON.artifact))),
            .init("possibly_truncated", .bool(session.possiblyTruncated)),
            .init("problems", .array(problems.map(ModelJSON.problem))),
        ])
        let gz = try archive.finish(summary: summary, sync: false)
        payloadDigests.append(PayloadDigest(relativePath: archiveRelative, sha256: archiveDigest.finalizeHex(), size: archiveDigest.byteCount))
        try transcript?.finish(session: session, source: source, totals: totals, artifacts: artifacts, problems: problems)
        var light = session
        light.raw = []
        return SessionOutcome(
            session: light, directory: directory, totals: totals, problems: problems,
            archivePath: archiveRelative, transcriptPath: transcriptRelative, archiveBytes: gz.compressedBytes,
            usage: ledger.finish(session: session, totals: totals, prices: prices),
            payloadDigests: payloadDigests
        )
    }

    func discard() {
        transcript?.discard()
    }
}
