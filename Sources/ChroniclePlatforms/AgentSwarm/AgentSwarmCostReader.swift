import ChronicleCore
import ChronicleJSON

/// Reads the cost rows of one task: `GET /api/session-costs?taskId=…&limit=…` (`{"costs": [...]}`,
/// newest first). The server has no paging for it (no offset; `taskId` wins over the date
/// filters) and no maximum `limit`: an answer with `limit` rows may have left older rows out,
/// which the result says (``Rows/possiblyCut``).
struct AgentSwarmCostReader {
    let client: PlatformClient
    let limit: Int

    struct Rows {
        var costs: [AgentSwarmCost] = []
        /// The answer was full: older rows may exist.
        var possiblyCut = false
        var request: String
    }

    func rows(taskID: String, sessionID: String, problem: (ExportProblem) -> Void) async throws -> Rows {
        let request = client.request("GET", ["api", "session-costs"], query: [.init("taskId", taskID), .init("limit", String(limit))])
        var rows = Rows(request: request.description)
        var count = 0
        let envelope = try await client.streamRecords(request, recordArray: .member("costs"), recordKind: "session_cost", sessionID: sessionID) { record in
            count += 1
            do throws(RecordError) {
                rows.costs.append(try AgentSwarmCost(record: record))
            } catch {
                problem(error.problem(request: record.request))
            }
        }
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: client.source.name, request: request.description, sessionID: sessionID, field: "costs", message: "the cost rows of task '\(taskID)' are not {\"costs\": [...]}")
        }
        if count >= limit {
            rows.possiblyCut = true
            problem(ExportProblem(
                .warning, sessionID: sessionID, item: "session costs of task \(taskID)", request: request.description,
                message: "source '\(client.source.name)': \(count) cost rows reached the limit \(limit) and the server has no paging for them; older rows may be missing, so the session's platform cost is left unknown"
            ))
        }
        return rows
    }

    /// The session's platform cost: the exact sum of every row's `totalCostUsd`; nil (unknown, a
    /// price table may price the tokens) when there is no row, a row is `unpriced` or has no
    /// number, or an answer may have been cut.
    static func total(_ all: [AgentSwarmCost], possiblyCut: Bool) -> String? {
        guard !all.isEmpty, !possiblyCut, all.allSatisfy(\.isPriced) else { return nil }
        return DecimalLiteral.sum(all.compactMap(\.totalCostUSD))
    }
}
