import ArgumentParser
import ChronicleRedact
import ChronicleRender
import Foundation

/// The flags that shape HTML pages, shared by `export`, `render` and `share`.
struct RenderOptionFlags: ParsableArguments {
    @Option(name: .customLong("templates"), help: "Folder of Mustache templates (and style.css, *.js) used instead of the built-in ones.")
    var templates: String?

    @Option(name: .customLong("timezone"), help: "Time zone shown next to UTC, e.g. Europe/Berlin (default UTC).")
    var timezone: String?

    @Option(name: .customLong("redact-pattern"), help: "Extra regular expression to redact in HTML (repeatable).")
    var redactPatterns: [String] = []

    @Flag(name: .customLong("no-redact"), help: "Do not redact secrets in HTML (the archive is never redacted).")
    var noRedact = false

    init() {}

    /// - Throws: ``UsageError`` for an unknown time zone or a bad pattern, `TemplateError` for
    ///   a template folder that cannot be used.
    func make(software: String) throws -> RenderOptions {
        var zone = RenderOptions.utc
        if let timezone {
            guard let z = TimeZone(identifier: timezone) else { throw UsageError("--timezone: unknown time zone '\(timezone)'") }
            zone = z
        }
        let redactor: Redactor
        do { redactor = try Redactor(builtin: !noRedact, extraPatterns: redactPatterns) } catch { throw UsageError("--redact-pattern: \(error)") }
        let set = try templates.map { try TemplateSet.load(directory: $0) } ?? .embedded
        return RenderOptions(templates: set, timeZone: zone, redactor: redactor, software: software)
    }
}
