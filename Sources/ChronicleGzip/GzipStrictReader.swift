/// Strict streaming reader used by `chronicle verify` and `chronicle render`.
///
/// Accepts exactly one complete, valid gzip member and nothing else.
public enum GzipStrictReader {
    /// Size of the decompressed chunks passed to `consume` (at most this many bytes).
    public static let chunkSize = GzipDecoder.outputChunkSize

    /// Inflates the file at `path` in chunks (bounded memory), passing each decompressed
    /// chunk to `consume`, and checks: magic 1f 8b, method 8, reserved flag bits zero,
    /// header fields (FEXTRA/FNAME/FCOMMENT/FHCRC parsed correctly if present), deflate
    /// stream valid, CRC-32 and ISIZE match, EXACTLY ONE member, NO trailing bytes (not
    /// even zeros), not truncated.
    ///
    /// The buffer passed to `consume` is only valid during the call. Data is delivered
    /// before the trailer is checked, so a caller must not trust what it received until
    /// `read` returns normally.
    ///
    /// - Returns: The member's sizes (`compressedBytes` is the file size) and CRC-32.
    /// - Throws: ``GzipIntegrityError`` for any format, integrity or I/O problem; any
    ///   error thrown by `consume` is rethrown unchanged (use this to stop early).
    public static func read(
        path: String,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipSummary {
        let source = try GzipByteSource(path: path)
        return try GzipDecoder.decode(source: source, consume: consume)
    }
}
