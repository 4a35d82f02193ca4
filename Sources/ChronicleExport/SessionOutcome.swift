import ChronicleCore
import ChronicleRedact

/// What exporting one session produced: enough for run.json, the index pages and the summary,
/// without any of the session's content.
public struct SessionOutcome: Sendable, Codable {
    public var session: Session
    /// The session's folder name under `data/sessions/` and `data/archive/`.
    public var directory: String
    public var totals: SessionTotals
    public var problems: [ExportProblem]
    public var archivePath: String
    public var transcriptPath: String?
    public var archiveBytes: UInt64
    /// Model requests, tokens and cost, per day and model (issue 6: usage CSVs).
    public var usage = SessionUsage(counts: UsageCounts(), cost: .none, buckets: [])
    /// The platform id of the session's last event, if it has ids.
    public var lastEventID: String?
    /// See `ContentDigest`.
    public var contentSHA256: String
    /// What redaction replaced in the transcript, per rule (counts only).
    public var redactions = RedactionCounts()
    /// Digests of the payload files this session wrote (its archive, its stored artifacts),
    /// computed while writing; registered with the bag so finalize does not hash them again.
    public var payloadDigests: [PayloadDigest] = []
    /// Stored artifacts with a platform identity, remembered in state for later runs' reuse.
    public var heldArtifacts: [HeldArtifact] = []

    /// The session's figures as every page and file shows them.
    public var figures: SessionFigures { SessionFigures(totals: totals, usage: usage) }
}
