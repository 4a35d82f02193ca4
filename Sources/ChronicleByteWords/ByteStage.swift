/// A small scratch buffer in front of a growing `[UInt8]`: escapers that write a short run, an
/// escape, a short run (a JSON string or an HTML text with a line break every eighty bytes) put
/// the pieces here with plain stores and append them to the array a kilobyte at a time,
/// instead of paying an `Array.append` (uniqueness and capacity checks, a call) for each piece.
///
/// Only valid inside ``with(capacity:appendingTo:_:)``, which flushes what is left.
public struct ByteStage {
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    @usableFromInline let capacity: Int
    @usableFromInline var count = 0

    @usableFromInline init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Runs `body` with a stage of `capacity` bytes (at least 64) allocated for the call (on the
    /// stack up to 1 KiB, the default; a larger stage would cost a `malloc` per call), then
    /// appends what the stage still holds to `out`. `body` gets `out` back to pass to the
    /// stage's methods.
    @inlinable
    public static func with<R>(capacity: Int = 1024, appendingTo out: inout [UInt8], _ body: (inout ByteStage, inout [UInt8]) -> R) -> R {
        let size = max(64, capacity)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buffer -> R in
            // A buffer of 64 bytes or more always has an address; the heap would do as well.
            let base = buffer.baseAddress ?? UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            defer { if buffer.baseAddress == nil { base.deallocate() } }
            var stage = ByteStage(base: base, capacity: size)
            let result = body(&stage, &out)
            stage.flush(into: &out)
            return result
        }
    }

    /// Appends what the stage holds to `out` and empties it.
    @inlinable @inline(__always)
    public mutating func flush(into out: inout [UInt8]) {
        guard count > 0 else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// Puts `n` bytes from `p` after what the stage holds (straight into `out`, after a flush,
    /// when they are more than half the stage).
    @inlinable @inline(__always)
    public mutating func append(_ p: UnsafePointer<UInt8>, count n: Int, to out: inout [UInt8]) {
        if n > capacity - count {
            flush(into: &out)
            if n > capacity / 2 {
                out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                return
            }
        }
        // A raw copy (memcpy), not the typed initialize, which is a call into the runtime.
        UnsafeMutableRawPointer(base + count).copyMemory(from: p, byteCount: n)
        count += n
    }

    /// Puts the low `n` bytes of `word` (at most 8, the lowest first: an escape such as `&quot;`
    /// written as one store) after what the stage holds.
    @inlinable @inline(__always)
    public mutating func append(word: UInt64, count n: Int, to out: inout [UInt8]) {
        // The stage holds 64 bytes or more, so a flush always leaves room for the word.
        if capacity - count < 8 { flush(into: &out) }
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count += n
    }

    /// Puts one byte after what the stage holds.
    @inlinable @inline(__always)
    public mutating func append(_ b: UInt8, to out: inout [UInt8]) {
        if count >= capacity { flush(into: &out) }
        base[count] = b
        count += 1
    }
}
