/// One run of one source as recorded in state.
public struct RunRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case complete
        case partial
        /// Published by a run that was killed before it could commit; committed later from its
        /// `run.json` by the next run.
        case adopted
        case failed
        case interrupted
    }

    public var source: String
    /// The bag folder name; nil for a run that published no bag.
    public var runID: String?
    public var status: Status
    public var startedAt: String
    public var finishedAt: String?
    /// The bag's path relative to the output folder (`<source>/<run-id>`).
    public var bagPath: String?
    /// SHA-256 of the bag's `tagmanifest-sha256.txt`: the next run's chain link.
    public var tagManifestSHA256: String?
    public var previousRunID: String?
    public var exported: Int
    public var skipped: Int
    public var missing: Int
    public var events: Int
    public var artifacts: Int
    public var bytes: Int64
    /// Why a run failed, or what an adopted run's own status was.
    public var message: String?

    public init(
        source: String, runID: String?, status: Status, startedAt: String, finishedAt: String? = nil, bagPath: String? = nil,
        tagManifestSHA256: String? = nil, previousRunID: String? = nil, exported: Int = 0, skipped: Int = 0, missing: Int = 0,
        events: Int = 0, artifacts: Int = 0, bytes: Int64 = 0, message: String? = nil
    ) {
        self.source = source
        self.runID = runID
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.bagPath = bagPath
        self.tagManifestSHA256 = tagManifestSHA256
        self.previousRunID = previousRunID
        self.exported = exported
        self.skipped = skipped
        self.missing = missing
        self.events = events
        self.artifacts = artifacts
        self.bytes = bytes
        self.message = message
    }
}
