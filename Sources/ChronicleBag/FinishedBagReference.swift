/// A reference to an existing complete bag, used to chain the next run to it.
public struct FinishedBagReference: Sendable, Hashable {
    /// The bag's folder name (a run id).
    public let runID: String
    /// The bag's folder path.
    public let path: String
    /// Lowercase hex SHA-256 of its `tagmanifest-sha256.txt`.
    public let tagManifestSHA256: String
}
