import ChronicleCore

/// Where Chronicle remembers what it exported: per source and session every exported version (in
/// which bag, with which `updated_at`, event count, last event id and content digest) and per run
/// its status and chain digest.
///
/// The pipeline and the command line see only this protocol: the SQLite store
/// (`ChronicleStateSQLite`) is one implementation; a PostgreSQL store for sharded runs can be
/// another. Every method is synchronous and may block on I/O; each `commit` is one transaction.
public protocol StateStore: Sendable {
    /// The newest committed version of every session of `source`.
    func latestVersions(source: String) throws -> [SessionKey: SessionVersionRecord]

    /// Every committed version (all sources when `source` is nil), oldest run first.
    func versions(source: String?) throws -> [SessionVersionRecord]

    /// The newest committed version of every session of every source, in the order of source,
    /// agent id and session id, handed to `body` one at a time (a long history is never held).
    func forEachLatestVersion(_ body: (SessionVersionRecord) throws -> Void) throws

    /// The same versions, newest first by the session's first event (else creation) time as
    /// stored, those without either last: the order of the cumulative index's pages.
    func forEachLatestVersionNewestFirst(_ body: (SessionVersionRecord) throws -> Void) throws

    /// Every recorded run (all sources when `source` is nil), in order of recording.
    func runs(source: String?) throws -> [RunRecord]

    /// The run ids of `source` whose bags are committed in state.
    func committedRunIDs(source: String) throws -> Set<String>

    /// Records a published run and the session versions its bag holds, atomically: either all of
    /// it is committed or nothing is. Throws if the run id is already committed for the source.
    /// The versions are made one at a time inside the transaction (`version(i)` for i in
    /// `0..<versionCount`), so a run's are never all held.
    func commit(run: RunRecord, versionCount: Int, version: (Int) throws -> SessionVersionRecord) throws

    /// Records a run that published no bag (failed or interrupted), for the operator's history.
    func recordUnpublished(run: RunRecord) throws

    /// The newest committed copy of an artifact of `source`: one with the identity's declared
    /// SHA-256 (any session), else one stored for the same session, artifact id and version.
    func heldArtifact(source: String, agentID: String, sessionID: String, identity: ArtifactIdentity) throws -> HeldArtifact?

    /// Whether ``heldArtifact(source:agentID:sessionID:identity:)`` may find anything for
    /// `source`: `false` only when the store holds no artifact of it at all (a source's first
    /// night), so that a run asks once instead of once per artifact. Only a run's own commit
    /// adds artifacts of its source, and one run at a time writes an output folder, so the
    /// answer holds for the whole run.
    func mayHoldArtifacts(source: String) throws -> Bool

    /// Records that the committed run `runID` of `source` is archived at `location` (every
    /// object of its bag stored and checked by HEAD). Idempotent.
    func markArchived(source: String, runID: String, location: String, archivedAt: String) throws

    /// The run ids of `source` whose bags are archived.
    func archivedRunIDs(source: String) throws -> Set<String>
}

extension StateStore {
    /// A store that remembers no artifacts: every artifact is downloaded.
    public func heldArtifact(source: String, agentID: String, sessionID: String, identity: ArtifactIdentity) throws -> HeldArtifact? { nil }

    /// Asks ``heldArtifact(source:agentID:sessionID:identity:)`` for every artifact.
    public func mayHoldArtifacts(source: String) throws -> Bool { true }

    /// ``commit(run:versionCount:version:)`` with versions already made.
    public func commit(run: RunRecord, versions: [SessionVersionRecord]) throws {
        try commit(run: run, versionCount: versions.count) { versions[$0] }
    }
}

extension StateStore {
    /// A store that cannot order its versions holds them all once and sorts them.
    public func forEachLatestVersionNewestFirst(_ body: (SessionVersionRecord) throws -> Void) throws {
        var all: [SessionVersionRecord] = []
        try forEachLatestVersion { all.append($0) }
        let key: (SessionVersionRecord) -> String = { $0.firstEventAt ?? $0.createdAt ?? "" }
        for v in all.enumerated().sorted(by: { key($0.element) != key($1.element) ? key($0.element) > key($1.element) : $0.offset < $1.offset }) {
            try body(v.element)
        }
    }
}
