/// Deterministic seeded pseudo-random generator (SplitMix64), so generated test data is the
/// same on every run and every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` pseudo-random bytes: each `next()` as 8 little-endian bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(count)
        fill(&result, count: count)
        return result
    }

    /// Appends `count` pseudo-random bytes to `bytes`, in the order ``bytes(_:)`` makes them.
    public mutating func fill(_ bytes: inout [UInt8], count: Int) {
        var left = count
        while left > 0 {
            var word = next()
            for _ in 0..<min(8, left) {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
            left -= min(8, left)
        }
    }
}
