/// How many secrets each rule replaced: counts only, never the secret itself. Also how many
/// texts each configured pattern could not finish within its time budget (each such text was
/// withheld whole, see ``Redactor/patternBudget``): a warning for the run's report.
public struct RedactionCounts: Sendable, Hashable, Codable {
    public private(set) var byRule: [String: Int] = [:]
    /// Texts withheld because the rule's expression ran out of its time budget on them.
    public private(set) var overBudgetByRule: [String: Int] = [:]

    public init() {}

    public var total: Int { byRule.values.reduce(0, +) }

    /// Texts withheld because a configured pattern ran out of time: nonzero means the run should
    /// warn (name the patterns in ``overBudgetSorted``).
    public var overBudgetTotal: Int { overBudgetByRule.values.reduce(0, +) }

    public mutating func add(_ rule: String, _ n: Int = 1) {
        guard n > 0 else { return }
        byRule[rule, default: 0] += n
    }

    /// One more text on which `rule` ran out of its time budget.
    public mutating func addOverBudget(_ rule: String, _ n: Int = 1) {
        guard n > 0 else { return }
        overBudgetByRule[rule, default: 0] += n
    }

    public mutating func merge(_ other: RedactionCounts) {
        for (rule, n) in other.byRule { add(rule, n) }
        for (rule, n) in other.overBudgetByRule { addOverBudget(rule, n) }
    }

    /// Rules in name order, for deterministic output.
    public var sorted: [(rule: String, count: Int)] { byRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// Rules that ran out of time, in name order, with the number of texts withheld.
    public var overBudgetSorted: [(rule: String, texts: Int)] {
        overBudgetByRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private enum CodingKeys: String, CodingKey {
        case byRule
        case overBudgetByRule
    }

    /// `overBudgetByRule` is written only when not empty and may be absent (counts written
    /// before it existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        byRule = try container.decode([String: Int].self, forKey: .byRule)
        overBudgetByRule = try container.decodeIfPresent([String: Int].self, forKey: .overBudgetByRule) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(byRule, forKey: .byRule)
        if !overBudgetByRule.isEmpty { try container.encode(overBudgetByRule, forKey: .overBudgetByRule) }
    }
}
