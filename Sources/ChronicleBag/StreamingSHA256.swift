import Crypto

/// A SHA-256 fed chunk by chunk by a writer as it writes (a class, so a closure can update it),
/// so a bag need not read the file back. One owner, like the writer it observes.
public final class StreamingSHA256 {
    private var hasher = SHA256()
    public private(set) var byteCount: Int64 = 0

    public init() {}

    public func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
    }

    /// The digest as 64 lowercase hex digits (call once, at the end).
    public func finalizeHex() -> String {
        HexEncoding.encode(hasher.finalize())
    }
}
