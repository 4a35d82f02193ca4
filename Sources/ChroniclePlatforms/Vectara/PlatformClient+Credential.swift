import ChronicleCore

extension PlatformClient {
    /// This client sending `credential` (an OAuth access token) instead of its own.
    func with(_ credential: Credential) -> PlatformClient {
        PlatformClient(source: source, transport: transport, credential: credential, errorMessage: errorMessage)
    }

    /// `request` carrying this client's credential.
    func authorize(_ request: TransportRequest) -> TransportRequest {
        var authorized = request
        authorized.credential = credential
        return authorized
    }
}
