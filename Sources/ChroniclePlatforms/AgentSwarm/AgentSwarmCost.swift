import ChronicleCore
import ChronicleJSON

/// One `SessionCost` record and the fields Chronicle reads from it.
struct AgentSwarmCost: Sendable {
    var record: RawRecord
    var taskID: String?
    /// `sessionId`: the provider (agent CLI) session id the cost was recorded for.
    var providerSessionID: String?
    var agentID: String?
    /// `totalCostUsd` as the literal the platform sent (`0.4211`), nil when absent or null.
    var totalCostUSD: String?

    init(record: RawRecord) throws(RecordError) {
        let r = try RecordReader(raw: record, sessionID: nil)
        self.record = record
        taskID = try r.optionalString("taskId")
        providerSessionID = try r.optionalString("sessionId")
        agentID = try r.optionalString("agentId")
        switch r.value["totalCostUsd"] {
        case nil, .null?:
            totalCostUSD = nil
        case .number(let literal)?:
            totalCostUSD = literal
        case .string(let text)? where DecimalLiteral.isNumber(text):
            totalCostUSD = text
        case let other?:
            throw r.error("totalCostUsd", "should be a number, found \(other.typeName)")
        }
    }
}
