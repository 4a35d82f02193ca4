/// The SHA-256 and size of a payload file, computed while it was written, so the bag's
/// `finalize` registers it instead of reading the file again.
public struct PayloadDigest: Sendable, Hashable, Codable {
    /// Relative to the bag's `data/` folder, e.g. `archive/<session-dir>.json.gz`.
    public var relativePath: String
    /// 64 lowercase hex digits.
    public var sha256: String
    public var size: Int64

    public init(relativePath: String, sha256: String, size: Int64) {
        self.relativePath = relativePath
        self.sha256 = sha256
        self.size = size
    }
}
