import ChronicleBag
import Crypto

/// A SHA-256 fed chunk by chunk from a writer's output callback (a class, so a closure can
/// update it). One owner, like the writer it observes.
final class StreamingSHA256 {
    private var hasher = SHA256()
    private(set) var byteCount: Int64 = 0

    func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
    }

    /// The digest as 64 lowercase hex digits (call once, at the end).
    func finalizeHex() -> String {
        HexEncoding.encode(hasher.finalize())
    }
}
