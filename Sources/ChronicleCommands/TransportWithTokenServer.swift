import ChronicleCore

/// A source's transport together with the one to its OAuth token server: requests go to the
/// source; shutting down releases both.
struct TransportWithTokenServer: Transport {
    let base: any Transport
    let tokenServer: any Transport

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await base.send(request)
    }

    func shutdown() async {
        await base.shutdown()
        await tokenServer.shutdown()
    }
}
