import ChronicleBag
import ChronicleCore
import ChronicleRender
import Foundation

/// The usage of a run's sessions, gathered one outcome at a time in the run's single pass over
/// them: the per-model and per-day rollup, and the sessions CSV's rows when csv is a format.
struct UsageCollector {
    private(set) var rollup: UsageRollup
    private(set) var sessions: CSVWriter
    let source: SourceDescriptor
    let csv: Bool

    init(source: SourceDescriptor, options: UsageOptions, csv: Bool) {
        rollup = UsageRollup(source: source.name, platform: source.platform.rawValue)
        sessions = UsageTables.sessionsWriter(options: options)
        self.source = source
        self.csv = csv
    }

    mutating func add(_ o: SessionOutcome) {
        rollup.add(session: o.session, usage: o.usage)
        if csv {
            sessions.append(SessionsTable.cells(source: source.name, platform: source.platform.rawValue, session: o.session, totals: o.totals, usage: o.usage))
        }
    }
}

extension SourceExport {
    /// When csv is among the formats, writes `data/usage/*.csv` from what `collector` gathered.
    /// Returns the per-model totals for run.json and the summary.
    func writeUsage(_ collector: UsageCollector, dataDirectory: String) throws -> [ModelUsageRow] {
        if formats.csv {
            let (daily, models) = UsageTables.renderRollup(collector.rollup, options: usage)
            try FileManager.default.createDirectory(atPath: dataDirectory + "/" + CSVSchema.directory, withIntermediateDirectories: true)
            try AtomicFile.write(collector.sessions.bytes, to: dataDirectory + "/" + CSVSchema.sessionsFile)
            try AtomicFile.write(daily, to: dataDirectory + "/" + CSVSchema.dailyFile)
            try AtomicFile.write(models, to: dataDirectory + "/" + CSVSchema.modelsFile)
        }
        return collector.rollup.modelRows
    }
}
