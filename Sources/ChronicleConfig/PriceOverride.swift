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
}
