/// What an exported artifact must be: its bytes' SHA-256 (hex) and size.
public struct ArtifactTruth: Sendable, Hashable, Comparable {
    public var sha256: String
    public var size: Int

    public init(sha256: String, size: Int) {
        self.sha256 = sha256
        self.size = size
    }

    public static func < (a: ArtifactTruth, b: ArtifactTruth) -> Bool { (a.sha256, a.size) < (b.sha256, b.size) }
}
