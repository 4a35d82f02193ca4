import ChronicleCore
import ChronicleTestSupport

/// Passes requests through and writes each one's path into a ``RequestLog``, so tests can tell
/// which requests a run sent.
struct CountingTransport: Transport {
    let base: any Transport
    let log: RequestLog

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        log.append(request.pathSegments.joined(separator: "/"))
        return try await base.send(request)
    }

    func shutdown() async { await base.shutdown() }
}
