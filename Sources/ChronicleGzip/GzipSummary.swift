/// Totals describing one gzip member that was written or verified.
public struct GzipSummary: Sendable, Hashable {
    /// Number of uncompressed bytes (exact, not reduced mod 2^32).
    public let uncompressedBytes: UInt64
    /// Number of compressed bytes, including gzip header and trailer.
    public let compressedBytes: UInt64
    /// CRC-32 (as stored in the gzip trailer) of the uncompressed bytes.
    public let crc32: UInt32

    /// Creates a summary.
    public init(uncompressedBytes: UInt64, compressedBytes: UInt64, crc32: UInt32) {
        self.uncompressedBytes = uncompressedBytes
        self.compressedBytes = compressedBytes
        self.crc32 = crc32
    }
}
