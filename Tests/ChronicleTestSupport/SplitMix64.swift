import ChronicleTestServer

/// The tests' deterministic generator: the test server's SplitMix64, so generated test data
/// and generated datasets come from one implementation.
public typealias SplitMix64 = SeededGenerator

extension SeededGenerator {
    /// Appends `count` pseudo-random bytes to `bytes`, in the order `bytes(_:)` makes them.
    public mutating func fill(_ bytes: inout [UInt8], count: Int) {
        bytes.append(contentsOf: self.bytes(count))
    }
}
