import ChronicleCore
import ChronicleRender
import Foundation
import Testing

/// LibreOffice opens the CSVs (as `soffice --convert-to xlsx` does for any user) with every
/// formula vector in every text column: the sheets hold no formula and non-ASCII text survives.
@Suite("Usage CSVs in LibreOffice", .serialized)
struct SpreadsheetTests {
    /// The three tables with one row per vector, the vector in every text column fed by data.
    static func hostileTables(bom: Bool) -> [String: [UInt8]] {
        let values = FormulaVectors.all + [FormulaVectors.unicode]
        var sessions = CSVWriter(bom: bom)
        sessions.appendHeader(SessionsTable.columns)
        var daily = CSVWriter(bom: bom)
        daily.appendHeader(DailyTable.columns)
        var models = CSVWriter(bom: bom)
        models.appendHeader(ModelsTable.columns)
        for (i, v) in values.enumerated() {
            var totals = SessionTotals()
            let event = Event(
                id: "e\(i)", index: 0, kind: .assistantMessage, platformType: "msg", createdAt: .iso8601("2026-11-20T10:00:00Z"),
                model: v, usage: Usage(inputTokens: Int64(i), outputTokens: 1), requestID: "r\(i)"
            )
            totals.add(event)
            var ledger = SessionUsageLedger(calendar: .utc)
            ledger.add(event)
            let session = Session(id: v, agentID: v, title: v, status: v, platformCostUSD: "-0.5")
            let usage = ledger.finish(session: session, totals: totals, prices: .builtIn)
            sessions.append(SessionsTable.cells(source: v, platform: v, session: session, totals: totals, usage: usage, calendar: .utc))
            var rollup = UsageRollup(source: v, platform: v)
            rollup.add(session: session, usage: usage)
            for var r in rollup.dailyRows {
                r.day = v
                daily.append(DailyTable.cells(r, timezone: v))
            }
            for r in rollup.modelRows { models.append(ModelsTable.cells(r)) }
        }
        return ["hostile-sessions": sessions.bytes, "hostile-daily": daily.bytes, "hostile-models": models.bytes]
    }

    @Test func noFormulaAndNoMojibake() async throws {
        guard (try? runProgram("soffice", ["--version"]).status) == 0 else {
            Issue.record("LibreOffice (soffice) is not installed: run scripts/ensure-system-packages --tests")
            return
        }
        let tmp = try ScratchFolder("chronicle-csv-soffice")
        defer { tmp.remove() }
        var files: [String] = []
        for (bom, label) in [(false, "plain"), (true, "bom")] {
            for (name, bytes) in Self.hostileTables(bom: bom) {
                let path = "\(tmp.path)/\(name)-\(label).csv"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                files.append(path)
            }
        }
        // The real export too, with a BOM: titles such as "Refactor the parser 🚀" and "ИНЦ-42".
        let bags = try await exportSamples(into: tmp.path + "/out", extra: ["--csv-bom"])
        for (folder, source) in UsageRepository.platforms {
            for table in ["sessions", "daily", "models"] {
                let path = "\(tmp.path)/\(folder)-\(table).csv"
                try FileManager.default.copyItem(atPath: "\(bags[source] ?? "")/data/usage/\(table).csv", toPath: path)
                files.append(path)
            }
        }
        let profile = "file://\(tmp.path)/lo-profile"
        let r = try runProgram("soffice", [
            "-env:UserInstallation=\(profile)", "--headless", "--norestore", "--convert-to", "xlsx",
            "--infilter=CSV:44,34,76,1", "--outdir", tmp.path + "/xlsx",
        ] + files)
        try #require(r.status == 0, "soffice: \(r.output)")
        for file in files {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let xlsx = "\(tmp.path)/xlsx/\(name).xlsx"
            let sheet = try runProgram("unzip", ["-p", xlsx, "xl/worksheets/sheet1.xml"])
            try #require(sheet.status == 0, "\(name): no sheet in \(xlsx): \(sheet.output)")
            #expect(!sheet.output.contains("<f>") && !sheet.output.contains("<f "), "\(name): the sheet holds a formula")
            let strings = Self.sharedStrings(try runProgram("unzip", ["-p", xlsx, "xl/sharedStrings.xml"]).output)
            #expect(!strings.contains("Ã") && !strings.contains("\u{FFFD}"), "\(name): mojibake")
            if name.hasPrefix("hostile") {
                #expect(strings.contains(FormulaVectors.unicode), "\(name): non-ASCII text lost")
                #expect(strings.contains("HYPERLINK"), "\(name): the vectors are not shown as text")
            }
            if name == "agent-swarm-sessions" {
                #expect(strings.contains("Refactor the parser 🚀") && strings.contains("Summarise incident ИНЦ-42"), "\(name): non-ASCII titles lost")
            }
            if !name.hasPrefix("hostile"), name.hasSuffix("-sessions") {
                // started_at and ended_at are read as dates: numeric cells with a date format.
                let styles = try runProgram("unzip", ["-p", xlsx, "xl/styles.xml"]).output
                for column in ["started_at", "ended_at"] {
                    let letter = try #require(Self.columnLetter(of: column, in: SessionsTable.columns))
                    let cells = Self.cells(column: letter, in: sheet.output).dropFirst()
                    #expect(!cells.isEmpty, "\(name): no \(column) cells")
                    for cell in cells {
                        #expect(Self.isDateCell(cell, styles: styles), "\(name): \(column) cell \(cell) is not a date")
                    }
                }
            }
        }
    }

    /// The spreadsheet column letter (A…Z) of `name` in `columns`.
    static func columnLetter(of name: String, in columns: [String]) -> String? {
        guard let i = columns.firstIndex(of: name), i < 26 else { return nil }
        return String(UnicodeScalar(UInt8(65 + i)))
    }

    /// The `<c …>…</c>` elements of a column (`r="J1"`, `r="J2"`, …), in row order.
    static func cells(column: String, in sheet: String) -> [String] {
        var out: [String] = []
        for piece in sheet.components(separatedBy: "<c ").dropFirst() {
            guard piece.hasPrefix("r=\"\(column)"), let digit = piece.dropFirst(3 + column.count).first, digit.isNumber else { continue }
            let end = piece.range(of: "</c>")?.lowerBound ?? piece.range(of: "/>")?.lowerBound ?? piece.endIndex
            out.append(String(piece[..<end]))
        }
        return out
    }

    /// A numeric cell (no `t="s"`/`t="str"`) with a style whose number format shows a date
    /// (a built-in date format 14–22, or a custom code with a year).
    static func isDateCell(_ cell: String, styles: String) -> Bool {
        guard !cell.contains("t=\"s\""), !cell.contains("t=\"str\""), !cell.contains("t=\"inlineStr\""), cell.contains("<v>"),
              let s = attribute("s", in: cell), let index = Int(s) else { return false }
        guard let xfs = styles.components(separatedBy: "<cellXfs").dropFirst().first else { return false }
        let xf = xfs.components(separatedBy: "<xf ").dropFirst()
        guard index < xf.count, let numFmt = attribute("numFmtId", in: String(xf[xf.index(xf.startIndex, offsetBy: index)])), let id = Int(numFmt) else { return false }
        if (14...22).contains(id) { return true }
        for f in styles.components(separatedBy: "<numFmt ").dropFirst() where attribute("numFmtId", in: f) == numFmt {
            return (attribute("formatCode", in: f) ?? "").lowercased().contains("yy")
        }
        return false
    }

    static func attribute(_ name: String, in element: String) -> String? {
        // The element's own attribute: at its start (a piece split off at `<tag `) or after a
        // space, never one of a later element in the same piece.
        let own = element.prefix { $0 != ">" }
        guard let start = own.hasPrefix("\(name)=\"") ? own.range(of: "\(name)=\"") : own.range(of: " \(name)=\"") else { return nil }
        let rest = own[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The text of every shared string, one per line: LibreOffice may split a string into runs
    /// (`<r><rPr>…</rPr><t>…</t></r>`, one per font it falls back to), so the `<t>` texts of
    /// each `<si>` are joined and the XML entities decoded.
    static func sharedStrings(_ xml: String) -> String {
        var out: [String] = []
        for item in xml.components(separatedBy: "<si>").dropFirst() {
            var text = ""
            for piece in item.components(separatedBy: "<t").dropFirst() {
                guard let open = piece.firstIndex(of: ">"), let close = piece.range(of: "</t>") else { continue }
                text += piece[piece.index(after: open)..<close.lowerBound]
            }
            for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#9;", "\t"), ("&#10;", "\n"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: entity, with: char)
            }
            out.append(text)
        }
        return out.joined(separator: "\n")
    }
}
