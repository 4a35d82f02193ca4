import Foundation

/// What one model costs, in US dollars per million tokens (`ModelPrice.unit`), for each kind of
/// token a platform reports.
public struct ModelPrice: Sendable, Hashable {
    /// The unit of every price in this type.
    public static let unit = "USD per 1,000,000 tokens"

    public var input: Decimal
    public var output: Decimal
    public var cacheRead: Decimal
    public var cacheWrite: Decimal

    public init(input: Decimal, output: Decimal, cacheRead: Decimal, cacheWrite: Decimal) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
    }

    /// Prices from decimal literals (`"3"`, `"0.30"`), as a configuration file gives them; nil
    /// when one is not a plain non-negative decimal number.
    public init?(input: String, output: String, cacheRead: String, cacheWrite: String) {
        guard let i = Self.parse(input), let o = Self.parse(output), let r = Self.parse(cacheRead), let w = Self.parse(cacheWrite) else {
            return nil
        }
        self.init(input: i, output: o, cacheRead: r, cacheWrite: w)
    }

    /// The exact cost of `counts` (unknown counts cost nothing: they were not reported).
    public func cost(of counts: UsageCounts) -> Decimal {
        var micro = Decimal.zero
        micro += Decimal(counts.inputTokens ?? 0) * input
        micro += Decimal(counts.outputTokens ?? 0) * output
        micro += Decimal(counts.cacheReadTokens ?? 0) * cacheRead
        micro += Decimal(counts.cacheWriteTokens ?? 0) * cacheWrite
        return micro / Decimal(1_000_000)
    }

    /// A plain decimal literal (`12`, `0.125`), parsed exactly.
    static func parse(_ text: String) -> Decimal? {
        let b = Array(text.utf8)
        guard !b.isEmpty, b.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), b.filter({ $0 == 0x2E }).count <= 1,
              b.first != 0x2E, b.last != 0x2E else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
