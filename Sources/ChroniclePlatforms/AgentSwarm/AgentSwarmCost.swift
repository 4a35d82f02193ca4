import ChronicleCore
import ChronicleJSON

/// One `SessionCost` row (one run of a task) and the fields Chronicle reads from it.
struct AgentSwarmCost: Sendable {
    var record: RawRecord
    var id: String?
    /// `sessionId`: the runner session of the run (the `sessionId` of its log lines too).
    var runnerSessionID: String?
    var taskID: String?
    /// `totalCostUsd` as the literal the platform sent (`0.0000051`), nil when absent or null.
    var totalCostUSD: String?
    var harnessCostUSD: String?
    /// `harness`, `pricing-table` or `unpriced` (no price: `totalCostUsd` is no price at all).
    var costSource: String?
    var model: String?
    var isError: Bool
    var createdAt: Timestamp?
    var usage: Usage
    var numTurns: Int64?
    var durationMs: Int64?

    /// The cost is a price: not `unpriced`, and a number was sent.
    var isPriced: Bool { costSource != "unpriced" && totalCostUSD != nil }

    init(record: RawRecord) throws(RecordError) {
        let r = try RecordReader(raw: record, sessionID: nil)
        self.record = record
        id = try r.optionalString("id")
        runnerSessionID = try r.optionalString("sessionId")
        taskID = try r.optionalString("taskId")
        totalCostUSD = try Self.decimal(r, "totalCostUsd")
        harnessCostUSD = try Self.decimal(r, "harnessCostUsd")
        costSource = try r.optionalString("costSource")
        model = try r.optionalString("model").flatMap { $0.isEmpty ? nil : $0 }
        isError = try r.optionalBool("isError") ?? false
        createdAt = try r.optionalTimestamp("createdAt")
        usage = Usage(
            inputTokens: try r.optionalInt("inputTokens"), outputTokens: try r.optionalInt("outputTokens"),
            cacheReadTokens: try r.optionalInt("cacheReadTokens"), cacheWriteTokens: try r.optionalInt("cacheWriteTokens")
        )
        numTurns = try r.optionalInt("numTurns")
        durationMs = try r.optionalInt("durationMs")
    }

    static func decimal(_ r: RecordReader, _ key: String) throws(RecordError) -> String? {
        switch r.value[key] {
        case nil, .null?:
            return nil
        case .number(let literal)?:
            return literal
        case .string(let text)? where DecimalLiteral.isNumber(text):
            return text
        case let other?:
            throw r.error(key, "should be a number, found \(other.typeName)")
        }
    }
}
