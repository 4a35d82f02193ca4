import Foundation
import ChronicleCore
import ChronicleExport
import ChronicleJSON
import ChronicleRender

/// `chronicle usage`'s three outputs of one ``UsageReport``: an aligned table with a totals row,
/// CSV with the per-bag CSVs' column names, and JSON.
enum UsageReportFormat {
    /// The grouping columns of the report, in CSV order.
    static func groupColumns(_ options: UsageReport.Options) -> [String] {
        var out: [String] = []
        if options.groups.contains(.source) { out += ["source", "platform"] }
        if options.groups.contains(.agent) { out += ["agent_id", "agent_name"] }
        if options.groups.contains(.model) { out += ["model"] }
        return out
    }

    static func groupValues(_ r: UsageReport.Row, _ options: UsageReport.Options) -> [String] {
        var out: [String] = []
        if options.groups.contains(.source) { out += [r.source ?? "", r.platform ?? ""] }
        if options.groups.contains(.agent) { out += [r.agentID ?? "", r.agentName ?? ""] }
        if options.groups.contains(.model) { out += [r.model ?? ""] }
        return out
    }

    static let figureColumns = [
        "sessions", "model_requests", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "total_tokens", "cost_usd", "cost_source",
    ]

    static func csv(_ report: UsageReport, options: UsageReport.Options) -> String {
        var w = CSVWriter()
        w.appendHeader(["period", "timezone"] + groupColumns(options) + figureColumns)
        for r in report.rows {
            let c = r.counts
            w.append([.text(r.period), .text(options.calendar.identifier)] + groupValues(r, options).map { CSVCell.text($0) } + [
                .int(r.sessions), .int(c.requests), .integer(c.inputTokens), .integer(c.outputTokens), .integer(c.cacheReadTokens),
                .integer(c.cacheWriteTokens), .integer(c.totalTokens), .decimal(r.cost.amount), .text(r.cost.source.rawValue),
            ])
        }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func json(_ report: UsageReport, options: UsageReport.Options) -> String {
        func figures(_ r: UsageReport.Row) -> [JSONMember] {
            let c = r.counts
            return [
                .init("sessions", ModelJSON.number(r.sessions)),
                .init("model_requests", ModelJSON.number(c.requests)),
                .init("input_tokens", ModelJSON.number(c.inputTokens)),
                .init("output_tokens", ModelJSON.number(c.outputTokens)),
                .init("cache_read_tokens", ModelJSON.number(c.cacheReadTokens)),
                .init("cache_write_tokens", ModelJSON.number(c.cacheWriteTokens)),
                .init("total_tokens", ModelJSON.number(c.totalTokens)),
                .init("cost_usd", r.cost.amount.map { .number(DecimalText.plain($0)) } ?? .null),
                .init("cost_source", .string(r.cost.source.rawValue)),
            ]
        }
        let columns = groupColumns(options)
        let rows: [JSONValue] = report.rows.map { r in
            .object([.init("period", .string(r.period))] + zip(columns, groupValues(r, options)).map { JSONMember($0.0, .string($0.1)) } + figures(r))
        }
        let doc: JSONValue = .object([
            .init("format", .string("chronicle-usage")),
            .init("version", .number("1")),
            .init("timezone", .string(options.calendar.identifier)),
            .init("by", .string(options.period.rawValue)),
            .init("group", .array(options.groups.map { .string($0.rawValue) })),
            .init("session_versions", ModelJSON.number(report.versionCount)),
            .init("duplicate_versions", ModelJSON.number(report.duplicateVersions)),
            .init("rows", .array(rows)),
            .init("totals", .object(figures(report.totals))),
        ])
        return String(decoding: PrettyJSON.bytes(doc), as: UTF8.self) + "\n"
    }

    static func table(_ report: UsageReport, options: UsageReport.Options) -> String {
        var header = [options.period.rawValue.capitalized]
        if options.groups.contains(.source) { header.append("Source") }
        if options.groups.contains(.agent) { header.append("Agent") }
        if options.groups.contains(.model) { header.append("Model") }
        let textColumns = header.count
        header += ["Sessions", "Requests", "Input", "Output", "Cache read", "Cache write", "Total tokens", "Cost (USD)", "Cost source"]
        func n(_ v: Int64?) -> String { v.map(DisplayFormat.grouped) ?? "—" }
        func line(_ r: UsageReport.Row, label: String?) -> [String] {
            var cells = [label ?? r.period]
            if options.groups.contains(.source) { cells.append(label == nil ? (r.source ?? "") : "") }
            if options.groups.contains(.agent) {
                let name = r.agentName.flatMap { $0.isEmpty ? nil : $0 }
                cells.append(label == nil ? (name.map { "\($0) (\(r.agentID ?? ""))" } ?? (r.agentID ?? "")) : "")
            }
            if options.groups.contains(.model) { cells.append(label == nil ? (r.model.flatMap { $0.isEmpty ? nil : $0 } ?? "(no model)") : "") }
            let c = r.counts
            return cells + [
                n(Int64(r.sessions)), n(Int64(c.requests)), n(c.inputTokens), n(c.outputTokens), n(c.cacheReadTokens), n(c.cacheWriteTokens),
                n(c.totalTokens), r.cost.amount.map { "$" + DecimalText.plain($0) } ?? "—", r.cost.source.rawValue,
            ]
        }
        let body = report.rows.map { line($0, label: nil) }
        let total = line(report.totals, label: "Total")
        let all = [header] + body + [total]
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return (i < textColumns || i == row.count - 1) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var out = [render(header), rule] + body.map(render) + [rule, render(total)]
        out.append("Time zone \(options.calendar.identifier); \(report.versionCount) session version(s) read, \(report.duplicateVersions) identical rerun cop(ies) skipped; Tokens = input + output + cache read + cache write.")
        return out.joined(separator: "\n") + "\n"
    }
}
