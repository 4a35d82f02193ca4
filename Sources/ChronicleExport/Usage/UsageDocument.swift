import ChronicleCore
import ChronicleJSON
import ChronicleRender

/// run.json's usage members: the CSV schema version and the totals per model (the
/// reconciliation an operator compares with the platform's own usage report).
enum UsageDocument {
    static func members(rows: [ModelUsageRow], options: UsageOptions, csvWritten: Bool) -> [JSONMember] {
        var total = UsageCounts()
        var cost = UsageCost.none
        for r in rows {
            total.add(r.counts)
            cost.add(r.cost)
        }
        var totals = counts(total)
        totals.append(contentsOf: costMembers(cost))
        return [
            .init("csv_schema_version", csvWritten ? ModelJSON.number(CSVSchema.version) : .null),
            .init("usage", .object([
                .init("timezone", .string(options.calendar.identifier)),
                .init("price_unit", .string(ModelPrice.unit)),
                .init("totals", .object(totals)),
                .init("models", .array(rows.map { model($0, prices: options.prices) })),
            ])),
        ]
    }

    static func model(_ r: ModelUsageRow, prices: PriceTable) -> JSONValue {
        var members: [JSONMember] = [.init("model", .string(r.model)), .init("sessions", ModelJSON.number(r.sessions))]
        members.append(contentsOf: counts(r.counts))
        members.append(contentsOf: costMembers(r.cost))
        var price: JSONValue = .null
        if r.cost.source == .priceTable || r.cost.source == .mixed, let p = prices.price(for: r.model) {
            price = .object([
                .init("input", .number(DecimalText.plain(p.input))),
                .init("output", .number(DecimalText.plain(p.output))),
                .init("cache_read", .number(DecimalText.plain(p.cacheRead))),
                .init("cache_write", .number(DecimalText.plain(p.cacheWrite))),
            ])
        }
        members.append(.init("price", price))
        return .object(members)
    }

    static func counts(_ c: UsageCounts) -> [JSONMember] {
        [
            .init("model_requests", ModelJSON.number(c.requests)),
            .init("input_tokens", ModelJSON.number(c.inputTokens)),
            .init("output_tokens", ModelJSON.number(c.outputTokens)),
            .init("cache_read_tokens", ModelJSON.number(c.cacheReadTokens)),
            .init("cache_write_tokens", ModelJSON.number(c.cacheWriteTokens)),
            .init("total_tokens", ModelJSON.number(c.totalTokens)),
        ]
    }

    static func costMembers(_ cost: UsageCost) -> [JSONMember] {
        [
            .init("cost_usd", cost.amount.map { .number(DecimalText.plain($0)) } ?? .null),
            .init("cost_source", .string(cost.source.rawValue)),
        ]
    }
}
