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

    /// The high bit of each zero byte of `v`, exactly (any bytes: the low seven bits are added
    /// without a carry out of their byte).
    @inlinable @inline(__always) public static func zeroLanes(_ v: UInt64) -> UInt64 {
        let lows = ones &* 0x7F
        return ~(((v & lows) &+ lows) | v) & highs
    }

    /// The high bit of each byte of `v` equal to `byte`, exactly (any bytes).
    @inlinable @inline(__always) public static func lanes(equalTo byte: UInt8, in v: UInt64) -> UInt64 {
        zeroLanes(v ^ (ones &* UInt64(byte)))
    }

    /// The high bit of each byte of `v` that is below 0x20, exactly (any bytes).
    @inlinable @inline(__always) public static func lanesBelow0x20(_ v: UInt64) -> UInt64 {
        lanesBelow0x20(inASCII: v & ~highs) & ~v
    }

    /// For a word of ASCII bytes only (`v & highs == 0`): the high bit of each byte equal to
    /// `byte` (below 0x80), exactly (no byte can carry into the next).
    @inlinable @inline(__always) public static func lanes(equalTo byte: UInt8, inASCII v: UInt64) -> UInt64 {
        let t = v ^ (ones &* UInt64(byte))
        return ~(t &+ ones &* 0x7F) & highs
    }

    /// For a word of ASCII bytes only: the high bit of each byte below 0x20, exactly.
    @inlinable @inline(__always) public static func lanesBelow0x20(inASCII v: UInt64) -> UInt64 {
        ~(v &+ ones &* 0x60) & highs
    }
}
