/// Receives a run's progress as it happens, for the live progress line and the log. Called from
/// the task that drives one source; implementations must be thread-safe all the same.
public protocol ExportProgress: Sendable {
    /// A source starts (`sessions` counts become known as the listing streams).
    func sourceStarted(_ source: String)
    /// The listing named one more session; `willExport` tells whether it is fetched this run.
    func sessionListed(source: String, willExport: Bool)
    /// Every session is listed: the total to export is known from now on.
    func listingFinished(source: String)
    /// One session's export ended.
    func sessionExported(source: String, sessionID: String, events: Int, artifacts: Int, bytes: UInt64)
    /// The source ended (summary follows from its ``SourceRunResult``).
    func sourceFinished(_ source: String)
}
