/// Replaces every occurrence of some byte patterns (a secret and its percent-encoded form) in a
/// stream of chunks, matches across chunk boundaries included. Holds back at most the longest
/// pattern's length minus one byte between chunks.
struct StreamingScrubber {
    private let patterns: [[UInt8]]
    private let replacement: [UInt8]
    private let keep: Int
    private var carry: [UInt8] = []

    init(patterns: [[UInt8]], replacement: [UInt8] = Array("<redacted>".utf8)) {
        // Longest first, so a longer form is replaced before a shorter one inside it.
        self.patterns = patterns.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.replacement = replacement
        keep = Swift.max(0, (self.patterns.first?.count ?? 1) - 1)
    }

    /// Whether it changes anything at all (it has patterns).
    var isActive: Bool { !patterns.isEmpty }

    /// Feeds a chunk; returns the bytes that are final.
    mutating func feed(_ chunk: [UInt8]) -> [UInt8] {
        guard !patterns.isEmpty else { return chunk }
        carry.append(contentsOf: chunk)
        return process(final: false)
    }

    /// Returns what is held back.
    mutating func finish() -> [UInt8] {
        guard !patterns.isEmpty else { return [] }
        return process(final: true)
    }

    private mutating func process(final: Bool) -> [UInt8] {
        let buffer = carry
        let limit = final ? buffer.count : buffer.count - keep
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var i = 0
        scan: while i < limit {
            for p in patterns where i + p.count <= buffer.count && buffer[i] == p[0] {
                if buffer[i..<(i + p.count)].elementsEqual(p) {
                    out.append(contentsOf: replacement)
                    i += p.count
                    continue scan
                }
            }
            out.append(buffer[i])
            i += 1
        }
        carry = i < buffer.count ? Array(buffer[i...]) : []
        return out
    }
}
