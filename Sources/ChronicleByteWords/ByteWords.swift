/// Eight bytes tested at once, for scanners that skip runs of bytes needing no attention
/// (inside JSON strings, in text being escaped for HTML). Each test gives the high bit of every
/// byte it finds, exactly (no carry from one byte reaches the next), so a scanner goes straight
/// to the first with `trailingZeroBitCount`.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte: `word & highs != 0` when a byte is not ASCII.
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p + offset`, in memory order from the low byte up.
    @inlinable @inline(__always) public static func load(_ p: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
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
