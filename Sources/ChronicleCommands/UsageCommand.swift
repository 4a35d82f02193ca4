import ArgumentParser
import ChronicleBag
import ChronicleConfig
import ChronicleCore
import ChronicleExport
import ChronicleRender
import ChronicleStateSQLite
import Foundation

/// `chronicle usage`: usage over any period from everything an output folder holds, each model
/// request counted once across all nights (a `--full` rerun never doubles it). See
/// ``UsageReport`` and docs/usage.md for the rule.
public struct UsageCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Report tokens, requests and cost over any period from an output folder (each request once across all nights).",
        discussion: """
            Reads <out>/.chronicle/state.sqlite (and any bag it does not list), else the bags under <out>, \
            and the archives of the session versions they hold.
              chronicle usage --out /var/lib/chronicle --by month
              chronicle usage --out DIR --since 2026-11-01 --until 2026-11-30 --by week --group source,agent,model
              chronicle usage --out DIR --by day --timezone Europe/Berlin -o usage.csv
            """
    )

    @Option(help: "The output folder whose usage to report.")
    var out: String?

    @Option(help: "From this day (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM[:SS], in --timezone unless it ends in Z or ±HH:MM), inclusive.")
    var since: String?

    @Option(help: "Up to this day (inclusive) or time (exclusive), as --since.")
    var until: String?

    @Option(help: "One row per day, week (ISO 8601, Monday first) or month (default day).")
    var by: String = "day"

    @Option(help: "Also group by any of source, agent, model (comma-separated), e.g. source,agent,model.")
    var group: String?

    @Option(help: "Time zone of the days, weeks and months (default: the configuration's timezone, else UTC).")
    var timezone: String?

    @Option(help: "Output: table (aligned, with a totals row), csv or json (default table; csv with -o FILE.csv).")
    var format: String?

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "A configuration file: its timezone and [prices] are used.")
    var config: String?

    public init() {}

    public func run() async throws {
        let status = execute()
        if status != 0 { throw ExitCode(status) }
    }

    public func execute() -> Int32 {
        do {
            let text = try report()
            if let output {
                try AtomicFile.write(Array(text.utf8), to: output)
                print("usage: \(output)")
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return ExitCodes.complete
        } catch {
            FileHandle.standardError.write(Data("chronicle: usage failed: \(error)\n".utf8))
            return ExitCodes.code(for: error)
        }
    }

    /// The report's text in the chosen format.
    func report() throws -> String {
        guard let out else { throw UsageError("usage needs --out DIR (the output folder of chronicle export)") }
        guard let period = UsagePeriod(rawValue: by) else { throw UsageError("--by \(by): expected day, week or month") }
        var groups: [UsageReport.Grouping] = []
        for word in (group ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let g = UsageReport.Grouping(rawValue: word) else { throw UsageError("--group \(word): expected any of source, agent, model (comma-separated)") }
            if !groups.contains(g) { groups.append(g) }
        }
        let chosen = format ?? (output.map { $0.lowercased().hasSuffix(".json") ? "json" : "csv" } ?? "table")
        guard ["table", "csv", "json"].contains(chosen) else { throw UsageError("--format \(chosen): expected table, csv or json") }
        let configuration = try config.map { try ConfigurationLoader.load(path: $0) }
        let usage = try UsageSettings.options(timezone: timezone, csvBOM: false, configuration: configuration)
        let calendar = usage.calendar
        var options = UsageReport.Options(calendar: calendar, prices: usage.prices, period: period, groups: groups)
        options.since = try since.map { try Self.bound($0, flag: "--since", calendar: calendar) }
        options.until = try until.map { try Self.bound($0, flag: "--until", calendar: calendar) }

        let directory = URL(fileURLWithPath: out).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("\(out): no such folder; give the --out folder of chronicle export")
        }
        let versions = try Self.versions(outputDirectory: directory)
        let report = try UsageReport.make(outputDirectory: directory, versions: versions, options: options)
        switch chosen {
        case "json": return UsageReportFormat.json(report, options: options)
        case "csv": return UsageReportFormat.csv(report, options: options)
        default: return UsageReportFormat.table(report, options: options)
        }
    }

    /// The session versions of the folder: state's, plus those of bags state does not list (a
    /// run killed between publishing and committing); without state, every bag's.
    static func versions(outputDirectory: String) throws -> [UsageReport.Version] {
        let fm = FileManager.default
        let statePath = outputDirectory + "/.chronicle/state.sqlite"
        let fromBags = UsageReport.versions(bagsUnder: outputDirectory)
        guard fm.fileExists(atPath: statePath) else {
            let sources = ((try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []).filter { name in
                !name.hasPrefix(".") && ((try? fm.contentsOfDirectory(atPath: outputDirectory + "/" + name)) ?? []).contains(where: RunID.isRunID)
            }
            if sources.isEmpty {
                throw UsageError("\(outputDirectory) holds neither Chronicle state (.chronicle/state.sqlite) nor bags (<source>/<run-id>/); give the --out folder of chronicle export")
            }
            return fromBags
        }
        let store = try SQLiteStateStore(path: statePath)
        var versions = try UsageReport.versions(store: store)
        var committed: [String: Set<String>] = [:]
        for v in fromBags {
            if committed[v.source] == nil { committed[v.source] = try store.committedRunIDs(source: v.source) }
            if committed[v.source]?.contains(v.runID) == false { versions.append(v) }
        }
        return versions
    }

    /// `2026-11-28` (a day), `2026-11-28T12:00[:SS]` (in `calendar`'s zone) or with `Z`/`±HH:MM`.
    static func bound(_ text: String, flag: String, calendar: UsageCalendar) throws -> UsageReport.Bound {
        if UsagePeriod.parse(text) != nil { return .day(text) }
        let t = text.replacingOccurrences(of: " ", with: "T")
        if t.hasSuffix("Z") || t.dropFirst(16).contains("+") || t.dropFirst(16).contains("-") {
            if let ms = Timestamp.iso8601(t).epochMilliseconds { return .instant(ms) }
        } else if t.count >= 16, let ymd = UsagePeriod.parse(String(t.prefix(10))), t.dropFirst(10).first == "T" {
            let (y, m, d) = ymd
            let clock = t.dropFirst(11).split(separator: ":")
            if clock.count == 2 || clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = clock.count == 3 ? Int(clock[2]) : 0,
               let ms = calendar.epochMilliseconds(year: Int(y), month: Int(m), day: Int(d), hour: h, minute: mi, second: s) {
                return .instant(ms)
            }
        }
        throw UsageError("\(flag) \(text): expected a day (2026-11-28) or a time (2026-11-28T14:30, 2026-11-28T14:30:00Z)")
    }
}
