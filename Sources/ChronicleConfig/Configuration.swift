/// A parsed configuration file (TOML, see design.md and the README): plain values, checked, with
/// nothing applied yet. Command-line flags override it; options owned by other stages (timezone,
/// CSV BOM, redaction, prices) are carried as read for them to take.
public struct Configuration: Sendable, Equatable {
    /// The file it was read from.
    public var file: String
    public var out: String?
    public var timezone: String?
    public var formats: [String]?
    public var csvBOM: Bool?
    public var sources: [SourceConfiguration]
    public var redact: RedactConfiguration?
    /// Price overrides per model name.
    public var prices: [String: PriceOverride]
    /// `[upload]`: archive bags to object storage.
    public var upload: UploadConfiguration?

    public init(
        file: String, out: String? = nil, timezone: String? = nil, formats: [String]? = nil, csvBOM: Bool? = nil,
        sources: [SourceConfiguration] = [], redact: RedactConfiguration? = nil, prices: [String: PriceOverride] = [:]
    ) {
        self.file = file
        self.out = out
        self.timezone = timezone
        self.formats = formats
        self.csvBOM = csvBOM
        self.sources = sources
        self.redact = redact
        self.prices = prices
    }
}
