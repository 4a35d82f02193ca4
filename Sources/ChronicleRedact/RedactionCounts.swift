/// How many secrets each rule replaced: counts only, never the secret itself.
public struct RedactionCounts: Sendable, Hashable, Codable {
    public private(set) var byRule: [String: Int] = [:]

    public init() {}

    public var total: Int { byRule.values.reduce(0, +) }

    public mutating func add(_ rule: String, _ n: Int = 1) {
        guard n > 0 else { return }
        byRule[rule, default: 0] += n
    }

    public mutating func merge(_ other: RedactionCounts) {
        for (rule, n) in other.byRule { add(rule, n) }
    }

    /// Rules in name order, for deterministic output.
    public var sorted: [(rule: String, count: Int)] { byRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}
