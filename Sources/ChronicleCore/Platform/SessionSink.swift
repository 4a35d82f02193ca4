/// Receives one session's content from an adapter, in order. One sink serves one session and
/// is used by one task.
public protocol SessionSink: AnyObject {
    /// The folder where artifact bytes are stored, content-addressed.
    var artifactsDirectory: String { get }
    /// Takes the next record with what it normalised to.
    func accept(_ item: SessionItem) async throws
    /// Records a problem; the export of the session goes on.
    func report(_ problem: ExportProblem)
    /// Marks the session as possibly cut short by the platform.
    func markPossiblyTruncated(reason: String)
    /// Whether each stored artifact must be fsynced as it is committed. A sink whose output is
    /// synced as a whole later (a bag, at finalize) says no.
    var syncsArtifactsOnCommit: Bool { get }
}

extension SessionSink {
    public var syncsArtifactsOnCommit: Bool { true }
}
