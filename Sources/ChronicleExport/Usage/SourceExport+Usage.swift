import ChronicleBag
import ChronicleCore
import ChronicleRender
import Foundation

extension SourceExport {
    /// Sums the sessions' usage and, when csv is among the formats, writes `data/usage/*.csv`.
    /// Returns the per-model totals for run.json and the summary.
    func writeUsage(outcomes spool: OutcomeSpool, dataDirectory: String) throws -> [ModelUsageRow] {
        var rollup = UsageRollup(source: source.name, platform: source.platform.rawValue)
        var sessions = UsageTables.sessionsWriter(options: usage)
        try spool.forEach { o in
            rollup.add(session: o.session, usage: o.usage)
            if formats.csv {
                sessions.append(SessionsTable.cells(source: source.name, platform: source.platform.rawValue, session: o.session, totals: o.totals, usage: o.usage))
            }
        }
        if formats.csv {
            let (daily, models) = UsageTables.renderRollup(rollup, options: usage)
            try FileManager.default.createDirectory(atPath: dataDirectory + "/" + CSVSchema.directory, withIntermediateDirectories: true)
            try AtomicFile.write(sessions.bytes, to: dataDirectory + "/" + CSVSchema.sessionsFile)
            try AtomicFile.write(daily, to: dataDirectory + "/" + CSVSchema.dailyFile)
            try AtomicFile.write(models, to: dataDirectory + "/" + CSVSchema.modelsFile)
        }
        return rollup.modelRows
    }
}
