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
