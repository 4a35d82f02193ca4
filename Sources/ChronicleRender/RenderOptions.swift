import ChronicleCore
import ChronicleRedact
import Foundation

/// What HTML rendering depends on besides the data: templates, the configured time zone (shown
/// next to UTC) and the redaction rules applied to every text shown.
public struct RenderOptions: Sendable {
    public var templates: TemplateSet
    public var timeZone: TimeZone
    public var redactor: Redactor
    /// Names the software in page footers.
    public var software: String
    /// Prices of the models whose platform reports no cost (a transcript's cost, as the CSVs
    /// compute it).
    public var prices: PriceTable = .builtIn

    public init(templates: TemplateSet = .embedded, timeZone: TimeZone = RenderOptions.utc, redactor: Redactor = .builtin, software: String = "") {
        self.templates = templates
        self.timeZone = timeZone
        self.redactor = redactor
        self.software = software
    }

    public static let standard = RenderOptions()

    public static let utc: TimeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    var showsLocalZone: Bool { !["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(timeZone.identifier) }
}
