/// What tells, without downloading it, which bytes an artifact holds: the platform's id and a
/// version (what the listing says of the bytes; Vectara: `updated_at` and `size_bytes`), and the
/// SHA-256 when the listing declares one. Lets an export reuse bytes an earlier run stored.
public struct ArtifactIdentity: Sendable, Hashable, Codable {
    public var artifactID: String
    public var version: String
    /// The checksum the listing declares, lowercase hex, if any.
    public var declaredSHA256: String?

    public init(artifactID: String, version: String, declaredSHA256: String? = nil) {
        self.artifactID = artifactID
        self.version = version
        self.declaredSHA256 = declaredSHA256
    }
}
