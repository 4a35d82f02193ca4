/// Receives one session's content from an adapter, in order. One sink serves one session and
/// is used by one task.
public protocol SessionSink: AnyObject {
    /// The folder where artifact bytes are stored, content-addressed.
    var artifactsDirectory: String { get }
    /// Takes the next record with what it normalised to (handed over: the sink numbers and
    /// stores the events without copying them).
    func accept(_ item: consuming SessionItem) async throws
    /// Records a problem; the export of the session goes on.
    func report(_ problem: ExportProblem)
    /// Marks the session as possibly cut short by the platform.
    func markPossiblyTruncated(reason: String)
    /// Whether each stored artifact must be fsynced as it is committed. A sink whose output is
    /// synced as a whole later (a bag, at finalize) says no.
    var syncsArtifactsOnCommit: Bool { get }
    /// The artifact with this identity when an earlier run already stored its bytes: copied from
    /// that run's bag into this one's `artifactsDirectory` after its SHA-256 is checked, and
    /// returned as a stored reference. Nil when none is held or the earlier copy is gone or
    /// damaged: then the adapter downloads it.
    func reuseHeldArtifact(_ identity: ArtifactIdentity) -> ArtifactReference?
    /// Called once, when everything that tells whether the session changed is known (for
    /// Vectara: the listing, the events and the artifact listing, before any artifact's bytes):
    /// freezes the session's change digest over the records accepted so far plus `upcoming`
    /// (records the adapter accepts next, in that order) and says whether the session is
    /// unchanged since its last export, in which case the adapter stops. False when there is
    /// nothing to compare with.
    func contentUnchanged(upcoming: [RawRecord]) -> Bool
}

extension SessionSink {
    public var syncsArtifactsOnCommit: Bool { true }
    public func reuseHeldArtifact(_ identity: ArtifactIdentity) -> ArtifactReference? { nil }
    public func contentUnchanged(upcoming: [RawRecord]) -> Bool { false }
}
