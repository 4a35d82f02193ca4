/// Something that went wrong with one item while the run went on: recorded in `run.json`.
/// Every problem except a warning makes the run `partial` (exit 3).
public struct ExportProblem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Listed, then gone (404) before it could be fetched.
        case missing
        /// A record that does not follow the platform's contract.
        case malformed
        /// An artifact whose bytes failed a check.
        case invalidArtifact = "invalid_artifact"
        /// A session that could not be exported at all.
        case failedSession = "failed_session"
        /// Worth knowing, but nothing was lost (e.g. an artifact that expires before the next run).
        case warning
    }

    public var kind: Kind
    public var sessionID: String?
    /// What the problem is about: `artifact art_12`, `event page 3`, a field name.
    public var item: String?
    public var request: String?
    public var message: String

    public init(_ kind: Kind, sessionID: String? = nil, item: String? = nil, request: String? = nil, message: String) {
        self.kind = kind
        self.sessionID = sessionID
        self.item = item
        self.request = request
        self.message = message
    }

    public var makesRunPartial: Bool { kind != .warning }
}
