import Crypto

/// A SHA-256 fed chunk by chunk by a writer as it writes (a class, so a closure can update it),
/// so a bag need not read the file back. One owner, like the writer it observes.
public final class StreamingSHA256 {
    private var hasher = SHA256()
    public private(set) var byteCount: Int64 = 0

    public init() {}

    /// Goes on from a ``snapshot()``: as if everything hashed before it had been hashed again.
    public init(resuming state: State) {
        hasher = state.hasher
        byteCount = state.byteCount
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        byteCount += Int64(bytes.count)
    }

    /// The running state (a copy of about a hundred bytes), to go on with later, e.g. after the
    /// file was closed, without reading it again.
    public func snapshot() -> State {
        State(hasher: hasher, byteCount: byteCount)
    }

    /// The digest as 64 lowercase hex digits (call once, at the end).
    public func finalizeHex() -> String {
        HexEncoding.encode(hasher.finalize())
    }

    /// A SHA-256 part way through and the bytes it has seen.
    /// `@unchecked`: `SHA256` is a copy-on-write value that swift-crypto does not mark
    /// `Sendable`; a state is handed from one owner to the next, never updated by two at once.
    public struct State: @unchecked Sendable {
        fileprivate let hasher: SHA256
        public let byteCount: Int64
    }
}
