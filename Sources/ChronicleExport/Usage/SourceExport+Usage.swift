import ChronicleBag
import ChronicleCore
import ChronicleRender
import Foundation

/// The usage of a run's sessions, gathered one outcome at a time in the run's single pass over
/// them: the per-model and per-day rollup, and the sessions CSV's rows when csv is a format
/// (taken in pieces by ``takeSessionRows()`` as they are written to the file).
struct UsageCollector {
    private(set) var rollup: UsageRollup
    private var sessions: CSVWriter
    let source: SourceDescriptor
    let csv: Bool
    let calendar: UsageCalendar

    init(source: SourceDescriptor, options: UsageOptions, csv: Bool) {
        rollup = UsageRollup(source: source.name, platform: source.platform.rawValue)
        sessions = UsageTables.sessionsWriter(options: options)
        self.source = source
        self.csv = csv
        calendar = options.calendar
    }

    /// The sessions CSV's bytes gathered since the last call (the header comes first).
    mutating func takeSessionRows() -> [UInt8] {
        sessions.takeBytes()
    }

    /// How many bytes of the sessions CSV wait to be taken.
    var pendingSessionBytes: Int { sessions.bytes.count }

    mutating func add(_ o: SessionOutcome) {
        rollup.add(session: o.session, usage: o.usage)
        if csv {
            sessions.append(SessionsTable.cells(source: source.name, platform: source.platform.rawValue, session: o.session, totals: o.totals, usage: o.usage, calendar: calendar))
        }
    }
}

extension SourceExport {
    /// Runs `pass` (the run's pass over its sessions); when csv is among the formats, what it
    /// hands to `emitRows` (the sessions CSV, in pieces) is written to the file atomically, so
    /// the rows of a long run are never all held. Without csv, `emitRows` drops them.
    func writingSessionsCSV(dataDirectory: String, _ pass: (_ emitRows: ([UInt8]) throws -> Void) throws -> Void) throws {
        guard formats.csv else {
            try pass { _ in }
            return
        }
        try FileManager.default.createDirectory(atPath: dataDirectory + "/" + CSVSchema.directory, withIntermediateDirectories: true)
        try AtomicFile.write(to: dataDirectory + "/" + CSVSchema.sessionsFile) { emit in
            try withoutActuallyEscaping(emit) { try pass($0) }
        }
    }

    /// When csv is among the formats, writes the daily and per-model CSVs from what `collector`
    /// gathered. Returns the per-model totals for run.json and the summary.
    func writeUsage(_ collector: UsageCollector, dataDirectory: String) throws -> [ModelUsageRow] {
        if formats.csv {
            let (daily, models) = UsageTables.renderRollup(collector.rollup, options: usage)
            try AtomicFile.write(daily, to: dataDirectory + "/" + CSVSchema.dailyFile)
            try AtomicFile.write(models, to: dataDirectory + "/" + CSVSchema.modelsFile)
        }
        return collector.rollup.modelRows
    }
}
