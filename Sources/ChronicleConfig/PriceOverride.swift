/// A `[prices."MODEL"]` table: US dollars per million tokens, each kind optional. Overrides the
/// built-in price table for that model name; platform-reported costs still win.
public struct PriceOverride: Sendable, Equatable {
    public var inputPerMillion: Double?
    public var outputPerMillion: Double?
    public var cacheReadPerMillion: Double?
    public var cacheWritePerMillion: Double?

    public init(inputPerMillion: Double? = nil, outputPerMillion: Double? = nil, cacheReadPerMillion: Double? = nil, cacheWritePerMillion: Double? = nil) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cacheReadPerMillion = cacheReadPerMillion
        self.cacheWritePerMillion = cacheWritePerMillion
    }

    /// The largest accepted price: a million dollars per million tokens (a dollar a token).
    public static let maximum = 1_000_000.0
    /// The smallest accepted price other than 0: a millionth of a dollar per million tokens.
    /// Nothing smaller is meant, and a tiny value (`1e-300`) would vanish in the exact decimal
    /// costs are computed in.
    public static let smallestNonZero = 0.000_001

    public static let rangeDescription = "a price is 0, or from 0.000001 to 1000000 US dollars per million tokens"

    /// `value` as a price (-0 read as 0), or nil when it is not one: not finite, negative, above
    /// ``maximum``, or non-zero below ``smallestNonZero``.
    public static func checked(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if value == 0 { return 0 }
        guard value >= smallestNonZero, value <= maximum else { return nil }
        return value
    }
}
