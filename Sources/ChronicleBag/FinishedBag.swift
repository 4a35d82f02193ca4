/// A bag that `BagBuilder.finalize(info:)` has published under its final name.
public struct FinishedBag: Sendable, Hashable {
    /// Absolute or caller-relative path of the published bag folder.
    public let path: String
    /// The folder name: the run id, possibly with a `-01`…`-99` suffix.
    public let runID: String
    /// Lowercase hex SHA-256 of the bag's `tagmanifest-sha256.txt` bytes;
    /// the next run records it as `Chronicle-Previous-Tagmanifest-SHA256`.
    public let tagManifestSHA256: String
    /// Total payload bytes (first half of `Payload-Oxum`).
    public let payloadBytes: Int64
    /// Number of payload files (second half of `Payload-Oxum`).
    public let payloadFiles: Int
}
