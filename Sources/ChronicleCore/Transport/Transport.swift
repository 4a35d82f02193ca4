/// Answers requests for one source: over HTTP, or from a recorded replay tree.
public protocol Transport: Sendable {
    /// Sends `request` and returns the response as soon as its head is in; the body streams.
    /// Failures of the medium (unreachable, timeout, nothing recorded) throw ``TransportError``;
    /// HTTP error statuses are returned, not thrown.
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Releases connections and files.
    func shutdown() async
}
