import ChronicleCore

/// Waits before answering each request (the hidden `--replay-delay-ms`): makes a replay tree as
/// slow as a real platform, so tests can kill or interrupt a run in the middle.
struct DelayedTransport: Transport {
    let base: any Transport
    let milliseconds: Int

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await Task.sleep(for: .milliseconds(milliseconds))
        return try await base.send(request)
    }

    func shutdown() async { await base.shutdown() }
}
