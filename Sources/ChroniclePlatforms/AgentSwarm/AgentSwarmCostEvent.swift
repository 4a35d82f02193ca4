import ChronicleCore
import ChronicleJSON

/// The event of one cost row (one run of a task), placed among the log lines by its `createdAt`.
/// It carries the run's tokens as usage (`requestID` `session_cost:<id>`): a session's tokens are
/// its runs' cost rows (see ``AgentSwarmLogMapper`` for runs without one). Always a status event:
/// a failed run's error is already in its lines (`result` with `is_error`, stderr), and counting
/// the row as one more error would count the failure twice; the summary says the run failed. An
/// `unpriced` row says that its cost is unknown, never that it is free.
enum AgentSwarmCostEvent {
    static func event(_ cost: AgentSwarmCost, row: JSONValue) -> Event {
        var e = Event(id: cost.id, index: 0, kind: .status, platformType: "session_cost")
        e.createdAt = cost.createdAt
        e.model = cost.model
        e.usage = cost.usage.isUnknown ? nil : cost.usage
        e.requestID = cost.id.map { "session_cost:" + $0 }
        e.blocks = [.text(summary(cost), markdown: false), .json(row)]
        return e
    }

    static func summary(_ c: AgentSwarmCost) -> String {
        var parts: [String] = []
        let run = "Run \(c.runnerSessionID ?? "?") of task \(c.taskID ?? "?")" + (c.isError ? " ended with an error" : " ended")
        parts.append(run)
        switch (c.costSource, c.totalCostUSD) {
        case ("unpriced"?, _):
            parts.append("cost unknown: unpriced (the server has no price for model '\(c.model ?? "")'; the \(c.totalCostUSD ?? "null") it stores is not a price)")
        case (let source, let total?):
            var text = "cost $\(total) (\(source ?? "harness"))"
            if source == "pricing-table", let harness = c.harnessCostUSD { text += ", the harness reported $\(harness)" }
            parts.append(text)
        case (_, nil):
            parts.append("cost unknown: no totalCostUsd")
        }
        let u = c.usage
        let tokens = [("input", u.inputTokens), ("output", u.outputTokens), ("cache read", u.cacheReadTokens), ("cache write", u.cacheWriteTokens)]
            .compactMap { name, n in n.map { "\($0) \(name)" } }
        if !tokens.isEmpty { parts.append("tokens: " + tokens.joined(separator: ", ")) }
        if let turns = c.numTurns { parts.append("\(turns) turns") }
        if let ms = c.durationMs { parts.append("\(ms / 1000) s") }
        return parts.joined(separator: "; ")
    }
}
