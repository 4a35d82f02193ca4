/// One request as the server saw it, credentials left out.
public struct LoggedRequest: Sendable {
    public var index: Int
    public var method: String
    /// The full path (mount path included), without the query.
    public var path: String
    public var query: String
    /// Headers as sent, minus credential headers (`authorization`, `x-api-key`, `x-user-id`,
    /// `cookie`, `proxy-authorization`).
    public var headers: [(name: String, value: String)]
    /// Names of the credential headers the request carried.
    public var credentialHeaders: [String]
    public var arrival: ContinuousClock.Instant
    /// The status answered.
    public var status: Int
    /// The fault injected, if any.
    public var fault: Fault?

    /// Headers whose values are never logged.
    public static let secretHeaders: Set<String> = ["authorization", "x-api-key", "x-user-id", "cookie", "proxy-authorization"]

    public var carriedCredential: Bool { !credentialHeaders.isEmpty }
}
