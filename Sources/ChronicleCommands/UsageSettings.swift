import ChronicleConfig
import ChronicleCore
import Foundation

/// Builds the usage summaries' options from the flags and the configuration file: `--timezone`
/// over `timezone`, `--csv-bom` or `csv_bom`, and `[prices."MODEL"]` over the built-in table.
enum UsageSettings {
    static func options(timezone flag: String?, csvBOM: Bool, configuration: Configuration?) throws -> UsageOptions {
        let zone = flag ?? configuration?.timezone ?? "UTC"
        guard let calendar = UsageCalendar(identifier: zone) else {
            let origin = flag != nil ? "--timezone" : "\(configuration?.file ?? "configuration"): timezone"
            let message = "\(origin) '\(zone)' is not an IANA time zone name (e.g. UTC, Europe/Berlin, America/New_York)"
            if flag == nil, let configuration {
                throw ConfigurationError(file: configuration.file, line: 1, key: "timezone", message: message)
            }
            throw UsageError(message)
        }
        var prices = PriceTable.builtIn
        if let overrides = configuration?.prices, !overrides.isEmpty {
            var table: [String: ModelPrice] = [:]
            for (model, o) in overrides {
                let base = prices.price(for: model)
                table[model] = ModelPrice(
                    input: decimal(o.inputPerMillion) ?? base?.input ?? 0,
                    output: decimal(o.outputPerMillion) ?? base?.output ?? 0,
                    cacheRead: decimal(o.cacheReadPerMillion) ?? base?.cacheRead ?? 0,
                    cacheWrite: decimal(o.cacheWritePerMillion) ?? base?.cacheWrite ?? 0
                )
            }
            prices = prices.overriding(table)
        }
        return UsageOptions(calendar: calendar, prices: prices, csvBOM: csvBOM || configuration?.csvBOM == true)
    }

    /// A configured price as an exact decimal (from its shortest decimal text, never binary).
    static func decimal(_ value: Double?) -> Decimal? {
        guard let value, value.isFinite, value >= 0 else { return nil }
        return Decimal(string: "\(value)")
    }
}
