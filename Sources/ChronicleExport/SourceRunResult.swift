import ChronicleCore

/// The result of exporting one source in one run.
public struct SourceRunResult: Sendable {
    public enum Status: String, Sendable {
        case complete
        case partial
        /// The source failed before a bag could be published.
        case failed
    }

    public var source: SourceDescriptor
    public var status: Status
    public var bagPath: String?
    public var runID: String?
    public var tagManifestSHA256: String?
    public var sessions: Int
    public var events: Int
    public var artifacts: Int
    public var problems: [ExportProblem]
    /// The error that stopped the source, when it failed.
    public var failure: (any Error & Sendable)?
    public var durationSeconds: Double
    /// Usage totals per model (the reconciliation also written to run.json).
    public var usageByModel: [ModelUsageRow] = []
    /// Sessions listed but not exported because they had not changed (not fetched), plus those
    /// fetched only to find them unchanged (`unchangedAfterFetch`).
    public var skipped: Int = 0
    public var unchangedAfterFetch: Int = 0
    /// Sessions outside `--since`/`--until`.
    public var outOfRange: Int = 0
    /// Input plus output tokens of the exported sessions, when any were reported.
    public var tokens: Int64?
    /// Bytes of the published bag's payload.
    public var payloadBytes: Int64 = 0
    /// Bags found published but not committed (a run killed between rename and commit), now
    /// committed from their run.json.
    public var adoptedRuns: [String] = []
    /// With `--dry-run`: what would be exported, one line per session.
    public var wouldExport: [String] = []
    /// The previous bag in the chain, if any.
    public var previousRunID: String?

    public init(
        source: SourceDescriptor, status: Status, bagPath: String? = nil, runID: String? = nil, tagManifestSHA256: String? = nil,
        sessions: Int, events: Int, artifacts: Int, problems: [ExportProblem], failure: (any Error & Sendable)? = nil,
        durationSeconds: Double
    ) {
        self.source = source
        self.status = status
        self.bagPath = bagPath
        self.runID = runID
        self.tagManifestSHA256 = tagManifestSHA256
        self.sessions = sessions
        self.events = events
        self.artifacts = artifacts
        self.problems = problems
        self.failure = failure
        self.durationSeconds = durationSeconds
    }
}
