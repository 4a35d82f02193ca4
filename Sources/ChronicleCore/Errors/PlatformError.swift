/// A failure talking to a platform, as the adapter layer reports it: names the source, the
/// request, the session and field where relevant, and what the platform said (secrets scrubbed).
public struct PlatformError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// 401 or 403 (or a platform's own way of refusing an identity, e.g. agentscope's 422 for
        /// a missing user id header): the source stops; the run exits 77.
        case credentialsRefused(status: Int)
        /// The platform could not be reached or kept failing; the run exits 69.
        case unreachable
        /// 404 for an item that was listed: recorded as missing; the run ends partial.
        case notFound
        /// A record is not what the contract says (wrong type, missing field, bad JSON).
        case malformedRecord
        /// An artifact failed its size, checksum or base64 check.
        case invalidArtifact
        /// Paging went wrong (a cursor that repeats, a page that never ends).
        case pagingLoop
        /// Another HTTP status the exporter cannot work with.
        case unexpectedStatus(Int)
        /// The source's configuration cannot work with this platform (e.g. agentscope without
        /// agents): the run exits 78.
        case badConfiguration
    }

    public var kind: Kind
    public var source: String
    public var request: String?
    public var sessionID: String?
    public var field: String?
    public var message: String

    public init(
        _ kind: Kind, source: String, request: String? = nil, sessionID: String? = nil, field: String? = nil,
        message: String
    ) {
        self.kind = kind
        self.source = source
        self.request = request
        self.sessionID = sessionID
        self.field = field
        self.message = message
    }

    public var description: String {
        var parts = ["source '\(source)'"]
        if let sessionID { parts.append("session '\(sessionID)'") }
        if let request { parts.append(request) }
        if let field { parts.append("field '\(field)'") }
        let hint: String
        switch kind {
        case .credentialsRefused(let status):
            switch status {
            case 401: hint = " — the platform refused the credential (401): check the token or key the source uses"
            case 403: hint = " — the credential lacks access (403): check its scope or the agent it is for"
            default: hint = " — the platform refused the identity the source presents: check the credential and the agents the source names"
            }
        case .unreachable:
            hint = " — check the base URL and the network, then run again"
        case .notFound:
            // Only an item fetched for a session can have vanished; a listing (agents,
            // sessions) that is not there means the base URL points elsewhere.
            hint = sessionID == nil
                ? " — nothing is listed at \(request.map { "'" + Self.path(of: $0) + "'" } ?? "this path") under the base URL: check the base URL (its host and its path prefix, e.g. /v1 or /v2)"
                : " — the item vanished between listing and fetching; it is listed as missing in run.json"
        case .malformedRecord:
            hint = " — the record is kept raw and listed in run.json; report it with `--record`"
        case .invalidArtifact:
            hint = " — the artifact is kept out of artifacts/ and listed in run.json"
        case .pagingLoop:
            hint = " — the platform's paging did not end; the listing stopped to avoid an endless loop"
        case .unexpectedStatus(let status):
            hint = " — unexpected HTTP status \(status)"
        case .badConfiguration:
            hint = " — fix the source's configuration and run again"
        }
        return parts.joined(separator: ": ") + ": " + message + hint
    }

    /// `GET /v2/agents?limit=3` → `/v2/agents`.
    static func path(of request: String) -> String {
        let target = request.split(separator: " ", maxSplits: 1).last.map(String.init) ?? request
        return String(target.prefix { $0 != "?" })
    }
}
