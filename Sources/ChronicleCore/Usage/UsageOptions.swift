/// How a run computes and writes its usage CSVs.
public struct UsageOptions: Sendable {
    /// Day buckets of `daily.csv` (default UTC).
    public var calendar: UsageCalendar
    /// Prices for models whose platform reports no cost.
    public var prices: PriceTable
    /// Start each CSV with a UTF-8 byte order mark (for Excel).
    public var csvBOM: Bool
    /// Applied to every text cell before formula neutralisation (the redaction hook).
    public var textTransform: (@Sendable (String) -> String)?

    public init(
        calendar: UsageCalendar = .utc, prices: PriceTable = .builtIn, csvBOM: Bool = false,
        textTransform: (@Sendable (String) -> String)? = nil
    ) {
        self.calendar = calendar
        self.prices = prices
        self.csvBOM = csvBOM
        self.textTransform = textTransform
    }
}
