import ChronicleFuzzDriver
#if canImport(Glibc)
import Glibc
#endif

/// Hands the process to libFuzzer with `target` as LLVMFuzzerTestOneInput; exits with its status.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    exit(chronicle_fuzz_run(CommandLine.argc, CommandLine.unsafeArgv, target))
}

/// A reader over one fuzzer input: small integers and byte runs taken from the front, the
/// rest left as the payload. Never traps: past the end it returns zeros and empty arrays.
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var position = 0

    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = size > 0 ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { position >= bytes.count }
    public var remainingCount: Int { bytes.count - position }

    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A value in `0..<bound` (bound > 0), from up to two bytes.
    public mutating func int(below bound: Int) -> Int {
        let raw = Int(byte()) << 8 | Int(byte())
        return raw % max(bound, 1)
    }

    /// Up to `maxCount` bytes, the length taken from the input.
    public mutating func run(maxCount: Int) -> [UInt8] {
        let count = min(int(below: maxCount + 1), remainingCount)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}

/// A deterministic generator (SplitMix64) for choices derived from an input.
public struct FuzzRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}

/// Stops the process the way libFuzzer records as a crash, with the reason on stderr.
public func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError("invariant violated: \(message())", file: file, line: line)
}

/// Splits `bytes` into chunks whose sizes `random` picks (1 byte up to the whole rest).
public func randomChunks(_ bytes: [UInt8], _ random: inout FuzzRandom) -> [ArraySlice<UInt8>] {
    var chunks: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        let left = bytes.count - start
        let size: Int
        switch random.int(below: 4) {
        case 0: size = 1
        case 1: size = 1 + random.int(below: min(left, 8))
        case 2: size = 1 + random.int(below: left)
        default: size = left
        }
        chunks.append(bytes[start..<start + size])
        start += size
    }
    return chunks
}

/// Whether `needle`'s UTF-8 occurs in `haystack`'s UTF-8 (bytes, not characters: a combining
/// mark after a match does not hide it).
public func containsBytes(_ haystack: String, _ needle: String) -> Bool {
    let h = Array(haystack.utf8), n = Array(needle.utf8)
    guard !n.isEmpty else { return true }
    guard h.count >= n.count else { return false }
    for start in 0...(h.count - n.count) where h[start] == n[0] {
        if h[start..<start + n.count].elementsEqual(n) { return true }
    }
    return false
}
