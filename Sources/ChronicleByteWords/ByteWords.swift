/// Eight bytes tested at once with the classic "has a zero byte" bit tricks, for scanners that
/// skip runs of bytes needing no attention (inside JSON strings, in text being escaped for HTML).
/// The tests never miss a byte they look for; they may flag a word that has none, and the byte
/// loop that follows a flagged word decides.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte: `word & highs != 0` when a byte is not ASCII.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p + offset`, in memory order from the low byte up.
    @inlinable @inline(__always) public static func load(_ p: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inlinable @inline(__always) public static func hasZeroByte(_ v: UInt64) -> Bool {
        (v &- ones) & ~v & highs != 0
    }

    /// `byte` in `v`.
    @inlinable @inline(__always) public static func has(_ byte: UInt8, in v: UInt64) -> Bool {
        hasZeroByte(v ^ (ones &* UInt64(byte)))
    }

    /// A byte below 0x20 in `v`: `(v - 0x20…) & ~v & 0x80…` flags it (and never misses one).
    @inlinable @inline(__always) public static func hasControl(_ v: UInt64) -> Bool {
        (v &- ones &* 0x20) & ~v & highs != 0
    }
}
