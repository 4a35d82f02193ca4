import Foundation

/// A cost in US dollars, exact (Foundation `Decimal`, never floating point), with where it came
/// from. Sums of costs keep track of their sources: a sum with any unknown part is unknown.
public struct UsageCost: Sendable, Hashable, Codable {
    private var knownAmount: Decimal
    private var fromPlatform: Bool
    private var fromPriceTable: Bool
    private var hasUnknownPart: Bool

    private init(_ amount: Decimal, platform: Bool, priceTable: Bool, unknown: Bool) {
        knownAmount = amount
        fromPlatform = platform
        fromPriceTable = priceTable
        hasUnknownPart = unknown
    }

    /// Nothing to pay for: no model request and no reported cost (neutral in sums).
    public static let none = UsageCost(.zero, platform: false, priceTable: false, unknown: false)
    /// A part whose cost cannot be known.
    public static let unknown = UsageCost(.zero, platform: false, priceTable: false, unknown: true)

    public static func platform(_ amount: Decimal) -> UsageCost {
        UsageCost(amount, platform: true, priceTable: false, unknown: false)
    }

    public static func priceTable(_ amount: Decimal) -> UsageCost {
        UsageCost(amount, platform: false, priceTable: true, unknown: false)
    }

    /// The amount, or nil when any part is unknown or nothing was priced (an empty cell).
    public var amount: Decimal? {
        hasUnknownPart || (!fromPlatform && !fromPriceTable) ? nil : knownAmount
    }

    public var source: CostSource {
        if amount == nil { return .unknown }
        switch (fromPlatform, fromPriceTable) {
        case (true, true): return .mixed
        case (true, false): return .platform
        default: return .priceTable
        }
    }

    public mutating func add(_ other: UsageCost) {
        knownAmount += other.knownAmount
        fromPlatform = fromPlatform || other.fromPlatform
        fromPriceTable = fromPriceTable || other.fromPriceTable
        hasUnknownPart = hasUnknownPart || other.hasUnknownPart
    }
}
