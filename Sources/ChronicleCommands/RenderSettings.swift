import ChronicleConfig
import ChronicleRedact
import ChronicleRender
import Foundation

/// Builds the HTML pages' options from the flags and the configuration file: `--timezone` over
/// `timezone`, `--templates`, and redaction: `[redact] builtin`/`patterns` plus every
/// `--redact-pattern` (`--no-redact` turns the built-in rules off).
enum RenderSettings {
    static func options(flags: RenderOptionFlags, configuration: Configuration?, software: String) throws -> RenderOptions {
        guard let configuration else { return try flags.make(software: software) }
        var merged = flags
        if merged.timezone == nil, let zone = configuration.timezone {
            guard TimeZone(identifier: zone) != nil else {
                throw ConfigurationError(file: configuration.file, line: 1, key: "timezone", message: "'\(zone)' is not an IANA time zone name (e.g. UTC, Europe/Berlin)")
            }
            merged.timezone = zone
        }
        var options = try merged.make(software: software)
        if let redact = configuration.redact {
            do {
                options.redactor = try Redactor(builtin: redact.builtin && !flags.noRedact, extraPatterns: redact.patterns + flags.redactPatterns)
            } catch {
                throw ConfigurationError(file: configuration.file, line: 1, key: "redact.patterns", message: "\(error)")
            }
        }
        return options
    }
}
