import ChronicleCore

/// Renders the three usage CSVs of one run of one source.
public enum UsageTables {
    /// One exported session and its usage.
    public typealias SessionEntry = (session: Session, totals: SessionTotals, usage: SessionUsage)

    /// `sessions.csv`, `daily.csv` and `models.csv` bytes (rows already in their final order).
    public static func render(
        source: String, platform: String, sessions: [SessionEntry], rollup: UsageRollup, options: UsageOptions
    ) -> (sessions: [UInt8], daily: [UInt8], models: [UInt8]) {
        let zone = options.calendar.identifier
        var s = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        s.appendHeader(SessionsTable.columns)
        for e in sessions {
            s.append(SessionsTable.cells(source: source, platform: platform, session: e.session, totals: e.totals, usage: e.usage))
        }
        var d = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        d.appendHeader(DailyTable.columns(timezone: zone))
        for r in rollup.dailyRows { d.append(DailyTable.cells(r, timezone: zone)) }
        var m = CSVWriter(bom: options.csvBOM, textTransform: options.textTransform)
        m.appendHeader(ModelsTable.columns)
        for r in rollup.modelRows { m.append(ModelsTable.cells(r)) }
        return (s.bytes, d.bytes, m.bytes)
    }
}
