import ChronicleCore

/// An artifact whose bytes a committed bag holds, remembered in state so that later runs never
/// download it again: its platform identity, its digest and where it is stored.
public struct HeldArtifact: Sendable, Hashable, Codable {
    public var identity: ArtifactIdentity
    /// SHA-256 of the bytes, lowercase hex.
    public var sha256: String
    public var size: Int64
    /// `artifacts/<sha256>.<ext>`, relative to the bag's `data/`.
    public var storedPath: String
    /// The run whose bag holds the file (set when read from state).
    public var runID: String?

    public init(identity: ArtifactIdentity, sha256: String, size: Int64, storedPath: String, runID: String? = nil) {
        self.identity = identity
        self.sha256 = sha256
        self.size = size
        self.storedPath = storedPath
        self.runID = runID
    }
}
