import ChronicleBag
import ChronicleCore
import ChronicleRender
import Foundation

extension SourceExport {
    /// Sums the sessions' usage and, when csv is among the formats, writes `data/usage/*.csv`.
    /// Returns the per-model totals for run.json and the summary.
    func writeUsage(outcomes: [SessionOutcome], dataDirectory: String) throws -> [ModelUsageRow] {
        var rollup = UsageRollup(source: source.name, platform: source.platform.rawValue)
        for o in outcomes { rollup.add(session: o.session, usage: o.usage) }
        if formats.csv {
            let tables = UsageTables.render(
                source: source.name, platform: source.platform.rawValue,
                sessions: outcomes.map { ($0.session, $0.totals, $0.usage) }, rollup: rollup, options: usage
            )
            try FileManager.default.createDirectory(atPath: dataDirectory + "/" + CSVSchema.directory, withIntermediateDirectories: true)
            try AtomicFile.write(tables.sessions, to: dataDirectory + "/" + CSVSchema.sessionsFile)
            try AtomicFile.write(tables.daily, to: dataDirectory + "/" + CSVSchema.dailyFile)
            try AtomicFile.write(tables.models, to: dataDirectory + "/" + CSVSchema.modelsFile)
        }
        return rollup.modelRows
    }
}
