import ChronicleTestSupport
import Synchronization

/// A `@Sendable () -> Double` random source in `[0, 1)` from a seeded generator.
final class SeededRandom: Sendable {
    private let rng: Mutex<SplitMix64>
    init(seed: UInt64) { rng = Mutex(SplitMix64(seed: seed)) }
    func next() -> Double {
        rng.withLock { Double($0.next() >> 11) / Double(1 << 53) }
    }
}
