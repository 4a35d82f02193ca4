import Foundation

/// Prices per model, used where a platform does not report cost. Built-in defaults for current
/// common models (public list prices, standard tier, checked 2026-11; see docs/formats.md), which a
/// configuration can override or extend with `overriding(_:)`.
public struct PriceTable: Sendable, Hashable {
    /// Model name (lowercase) → price.
    public private(set) var prices: [String: ModelPrice]

    public init(prices: [String: ModelPrice]) {
        var lowered: [String: ModelPrice] = [:]
        for (name, price) in prices { lowered[name.lowercased()] = price }
        self.prices = lowered
    }

    /// This table with `overrides` replacing or adding models (names are case-insensitive).
    public func overriding(_ overrides: [String: ModelPrice]) -> PriceTable {
        var copy = self
        for (name, price) in overrides { copy.prices[name.lowercased()] = price }
        return copy
    }

    /// The price of `model`: its exact name, else without a provider prefix (`anthropic/…`) or a
    /// date suffix (`-20250929`, `@20250929`, `-2024-08-06`); nil when the table has no price.
    public func price(for model: String) -> ModelPrice? {
        var name = model.lowercased()
        if let p = prices[name] { return p }
        if let slash = name.lastIndex(of: "/") {
            name = String(name[name.index(after: slash)...])
            if let p = prices[name] { return p }
        }
        for pattern in [#"[-@][0-9]{8}$"#, #"-[0-9]{4}-[0-9]{2}-[0-9]{2}$"#] {
            if let range = name.range(of: pattern, options: .regularExpression) {
                let stripped = String(name[..<range.lowerBound])
                if let p = prices[stripped] { return p }
            }
        }
        return nil
    }

    /// The cost of `counts` of `model`: priced when the table knows the model, else unknown; no
    /// request costs nothing.
    public func cost(of counts: UsageCounts, model: String) -> UsageCost {
        guard counts.requests > 0 else { return .none }
        guard let price = price(for: model) else { return .unknown }
        return .priceTable(price.cost(of: counts))
    }

    /// The built-in defaults (USD per million tokens: input, output, cache read, cache write).
    /// OpenAI bills no separate cache write: its cache-write price is the input price.
    public static let builtIn: PriceTable = {
        func p(_ i: String, _ o: String, _ r: String, _ w: String) -> ModelPrice {
            ModelPrice(input: i, output: o, cacheRead: r, cacheWrite: w) ?? ModelPrice(input: 0, output: 0, cacheRead: 0, cacheWrite: 0)
        }
        let opusNew = p("5", "25", "0.50", "6.25")
        let opusOld = p("15", "75", "1.50", "18.75")
        let sonnet = p("3", "15", "0.30", "3.75")
        let gpt5 = p("1.25", "10", "0.125", "1.25")
        let gpt5mini = p("0.25", "2", "0.025", "0.25")
        return PriceTable(prices: [
            "claude-opus-4-7": opusNew, "claude-opus-4-6": opusNew, "claude-opus-4-5": opusNew,
            "claude-opus-4-1": opusOld, "claude-opus-4-0": opusOld, "claude-opus-4": opusOld,
            "claude-sonnet-4-6": sonnet, "claude-sonnet-4-5": sonnet, "claude-sonnet-4-0": sonnet, "claude-sonnet-4": sonnet,
            "claude-haiku-4-5": p("1", "5", "0.10", "1.25"),
            "claude-3-5-haiku": p("0.80", "4", "0.08", "1"),
            "gpt-5.1": gpt5, "gpt-5": gpt5, "gpt-5.1-codex": gpt5, "gpt-5-codex": gpt5,
            "gpt-5-mini": gpt5mini, "gpt-5.1-codex-mini": gpt5mini,
            "gpt-5-nano": p("0.05", "0.40", "0.005", "0.05"),
            "gpt-4.1": p("2", "8", "0.50", "2"),
            "gpt-4.1-mini": p("0.40", "1.60", "0.10", "0.40"),
            "gpt-4o": p("2.50", "10", "1.25", "2.50"),
            "gpt-4o-mini": p("0.15", "0.60", "0.075", "0.15"),
        ])
    }()
}
