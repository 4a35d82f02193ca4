/// OAuth 2.0 client credentials (RFC 6749 §4.4): a client id and secret exchanged at a token
/// endpoint for short-lived access tokens, sent as `Authorization: Bearer`. Prints nothing secret.
public struct OAuthClientCredentials: Sendable, CustomStringConvertible {
    /// How the token request's body is encoded.
    public enum BodyFormat: String, Sendable, CaseIterable {
        /// `application/x-www-form-urlencoded`, as RFC 6749 describes (what Vectara's SDK sends).
        case form
        /// `{"client_id", "client_secret", "grant_type"}`, for token servers that want JSON.
        case json
    }

    public var clientID: Secret
    public var clientSecret: Secret
    /// Reaches the token endpoint (its own origin, never recorded by `--record`).
    public var tokenTransport: any Transport
    /// The token endpoint's path below `tokenTransport`'s base URL.
    public var tokenPath: [String]
    /// The token endpoint's URL, for messages (carries no secret).
    public var tokenURL: String
    public var bodyFormat: BodyFormat

    public init(
        clientID: Secret, clientSecret: Secret, tokenTransport: any Transport, tokenPath: [String], tokenURL: String,
        bodyFormat: BodyFormat = .form
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenTransport = tokenTransport
        self.tokenPath = tokenPath
        self.tokenURL = tokenURL
        self.bodyFormat = bodyFormat
    }

    public var description: String { "OAuth client credentials <redacted> for \(tokenURL)" }

    /// Removes the client id and secret from `text`.
    public func scrub(_ text: String) -> String {
        clientID.scrub(clientSecret.scrub(text))
    }
}
