import ChronicleCore

/// Renders the three usage CSVs of one run of one source.
public enum UsageTables {
    /// A `sessions.csv` writer with its header, for rows appended one session at a time.
    public static func sessionsWriter(options: UsageOptions) -> CSVWriter {
        var s = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        s.appendHeader(SessionsTable.columns)
        return s
    }

    /// `daily.csv` and `models.csv` bytes from the run's rollup.
    public static func renderRollup(_ rollup: UsageRollup, options: UsageOptions) -> (daily: [UInt8], models: [UInt8]) {
        let zone = options.calendar.identifier
        var d = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        d.appendHeader(DailyTable.columns)
        for r in rollup.dailyRows { d.append(DailyTable.cells(r, timezone: zone)) }
        var m = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        m.appendHeader(ModelsTable.columns)
        for r in rollup.modelRows { m.append(ModelsTable.cells(r)) }
        return (d.bytes, m.bytes)
    }
}
