import Crypto

/// One artifact's bytes and metadata.
public struct DatasetArtifact: Sendable, Hashable {
    public var id: String
    public var filename: String
    public var mediaType: String
    public var bytes: [UInt8]
    public var createdAtMs: Int64

    public init(id: String, filename: String, mediaType: String, bytes: [UInt8], createdAtMs: Int64) {
        self.id = id
        self.filename = filename
        self.mediaType = mediaType
        self.bytes = bytes
        self.createdAtMs = createdAtMs
    }

    public var sha256: String {
        SHA256.hash(data: bytes).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    public var truth: ArtifactTruth { ArtifactTruth(sha256: sha256, size: bytes.count) }
}
