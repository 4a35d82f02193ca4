/// The result of committing an artifact to its content address.
public struct StoredArtifact: Sendable, Hashable {
    /// Lowercase hex SHA-256 of the artifact bytes.
    public let sha256: String
    /// Number of bytes in the artifact.
    public let size: Int64
    /// File name inside the artifact directory: `<sha256>.<extension>`.
    public let fileName: String
    /// True when a file with this content address already existed (write-once dedupe);
    /// the newly written copy was removed and the existing file was left untouched.
    public let alreadyExisted: Bool

    /// Creates a description of a stored artifact.
    public init(sha256: String, size: Int64, fileName: String, alreadyExisted: Bool) {
        self.sha256 = sha256
        self.size = size
        self.fileName = fileName
        self.alreadyExisted = alreadyExisted
    }
}
