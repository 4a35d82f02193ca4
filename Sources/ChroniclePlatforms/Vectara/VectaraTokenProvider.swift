import ChronicleCore
import ChronicleJSON
import Foundation

/// Exchanges OAuth client credentials for access tokens, as Vectara's SDK does
/// (`vectara/core/oauth_token_provider.py`, `vectara/auth/client.py`): `POST` to the token
/// endpoint a form with `client_id`, `client_secret` and `grant_type=client_credentials`, read
/// `access_token` and `expires_in`, and renew 2 minutes before expiry, or at once when the API
/// answers 401 to the current token. One token is shared by every request of the source.
///
/// Neither the client secret nor a token ever appears in an error: messages from the token
/// server are scrubbed of the client id, the secret and the token.
actor VectaraTokenProvider {
    /// Tokens are renewed this long before they expire (the SDK's `BUFFER_IN_MINUTES`).
    static let renewalMargin: TimeInterval = 120

    let credentials: OAuthClientCredentials
    let sourceName: String
    let now: @Sendable () -> Date
    private var token: Secret?
    private var expiresAt = Date.distantPast
    /// Counts tokens fetched, so a 401 renews only the token that was refused.
    private(set) var generation = 0
    private var pending: Task<Void, any Error>?

    init(credentials: OAuthClientCredentials, sourceName: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.sourceName = sourceName
        self.now = now
    }

    /// The bearer credential to send now, fetching a token first when there is none or it is
    /// within the renewal margin of its expiry; with the token's generation.
    func credential() async throws -> (Credential, Int) {
        if let token, now() < expiresAt { return (Credential(style: .bearer, secret: token), generation) }
        try await fetch()
        guard let token else { throw refused(status: 401, said: "the token server returned no token") }
        return (Credential(style: .bearer, secret: token), generation)
    }

    /// After a 401 to the token of `refusedGeneration`: drops it (unless another request has
    /// already renewed it) and returns a fresh credential.
    func renew(after refusedGeneration: Int) async throws -> (Credential, Int) {
        if refusedGeneration == generation {
            token = nil
            expiresAt = .distantPast
        }
        return try await credential()
    }

    /// One token request at a time: concurrent callers wait for the same one.
    private func fetch() async throws {
        if let pending {
            try await pending.value
            return
        }
        let task = Task { try await self.requestToken() }
        pending = task
        defer { pending = nil }
        try await task.value
    }

    private func requestToken() async throws {
        let request = tokenRequest()
        let response: TransportResponse
        do {
            response = try await credentials.tokenTransport.send(request)
        } catch let error as TransportError {
            throw PlatformError(.unreachable, source: sourceName, request: "POST \(credentials.tokenURL)", message: "the OAuth token server could not be reached: \(credentials.scrub(error.detail))")
        }
        let body: [UInt8]
        do {
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw PlatformError(.unreachable, source: sourceName, request: "POST \(credentials.tokenURL)", message: "the OAuth token server's answer could not be read: \(credentials.scrub("\(error)"))")
        }
        guard (200..<300).contains(response.status) else {
            let said = Self.message(body).map(credentials.scrub)
            switch response.status {
            case 400, 401, 403:
                throw refused(status: response.status == 403 ? 403 : 401, said: "HTTP \(response.status)" + (said.map { "; the token server said: \($0)" } ?? ""))
            default:
                throw PlatformError(.unexpectedStatus(response.status), source: sourceName, request: "POST \(credentials.tokenURL)", message: "the OAuth token server answered HTTP \(response.status)" + (said.map { "; it said: \($0)" } ?? ""))
            }
        }
        guard let value = try? JSONParser.parse(body), let access = value["access_token"]?.stringValue, !access.isEmpty else {
            throw PlatformError(.malformedRecord, source: sourceName, request: "POST \(credentials.tokenURL)", message: "the OAuth token server's answer has no 'access_token' (expected {\"access_token\", \"token_type\", \"expires_in\"})")
        }
        let lifetime = value["expires_in"]?.int64Value ?? 0
        token = Secret(access)
        expiresAt = now().addingTimeInterval(TimeInterval(lifetime) - Self.renewalMargin)
        generation += 1
    }

    private func tokenRequest() -> TransportRequest {
        let body: [UInt8]
        let contentType: String
        switch credentials.bodyFormat {
        case .json:
            contentType = "application/json"
            body = credentials.clientID.withValue { id in
                credentials.clientSecret.withValue { secret in
                    JSONWriter.serialize(.object([
                        .init("client_id", .string(id)), .init("client_secret", .string(secret)), .init("grant_type", .string("client_credentials")),
                    ]))
                }
            }
        case .form:
            contentType = "application/x-www-form-urlencoded"
            body = credentials.clientID.withValue { id in
                credentials.clientSecret.withValue { secret in
                    Array("grant_type=client_credentials&client_id=\(URLEncoding.encode(id))&client_secret=\(URLEncoding.encode(secret))".utf8)
                }
            }
        }
        return TransportRequest(
            method: "POST", path: credentials.tokenPath, body: body,
            headers: [HeaderField("content-type", contentType), HeaderField("accept", "application/json")]
        )
    }

    private func refused(status: Int, said: String) -> PlatformError {
        PlatformError(
            .credentialsRefused(status: status), source: sourceName, request: "POST \(credentials.tokenURL)",
            message: "the OAuth token server refused the client credentials (\(said)); check the client id and secret"
        )
    }

    /// `{"error": "invalid_client", "error_description": "…"}` (RFC 6749 §5.2) or Vectara's `messages`.
    static func message(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        if let error = value["error"]?.stringValue {
            return [error, value["error_description"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
        }
        return VectaraAdapter.errorMessage(body)
    }
}
