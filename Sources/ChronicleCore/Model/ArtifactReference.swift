/// A file attached to a session, and where Chronicle stored its bytes.
public struct ArtifactReference: Sendable, Hashable {
    /// The platform's id, if artifacts have ids there.
    public var artifactID: String?
    /// The file name as the platform sent it. Never used as a path.
    public var name: String?
    public var mediaType: String?
    public var size: Int64?
    /// SHA-256 of the decoded bytes, lowercase hex.
    public var sha256: String?
    /// Path inside the bag's `data/`, e.g. `artifacts/<sha256>.png`, when stored.
    public var storedPath: String?
    public var state: State
    /// Why the artifact is not stored, when it is not.
    public var problem: String?
    /// What identifies the bytes on the platform (for reuse by later runs), when the adapter knows.
    public var identity: ArtifactIdentity?

    public enum State: String, Sendable, Hashable {
        case stored
        case missing
        case invalid
        case notFetched = "not_fetched"
    }

    public init(
        artifactID: String? = nil, name: String? = nil, mediaType: String? = nil, size: Int64? = nil,
        sha256: String? = nil, storedPath: String? = nil, state: State, problem: String? = nil, identity: ArtifactIdentity? = nil
    ) {
        self.artifactID = artifactID
        self.name = name
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.storedPath = storedPath
        self.state = state
        self.problem = problem
        self.identity = identity
    }
}
