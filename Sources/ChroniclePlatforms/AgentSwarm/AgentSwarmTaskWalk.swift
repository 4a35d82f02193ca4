import ChronicleCore
import ChronicleJSON

/// Reads every task of the swarm once, in a stable order: `GET /api/tasks?orderBy=createdAt`
/// (`createdAt DESC, rowid DESC` on the server: a task's activity never moves it, only a new
/// task slides every row down by one), with `fields=full` and `includeHeartbeat=true`.
///
/// - A full page always asks for the next one; only a short or empty page ends the walk. `total`
///   is never trusted to end it: a `total` that disagrees with the distinct tasks read is a
///   warning.
/// - Rows are de-duplicated by id (bytes): a row that slid onto the next page counts once.
/// - Tasks created while paging are at the front: after the last page the walk asks for the tasks
///   created at or after the newest `createdAt` it has seen (`createdAfter`, paged the same way);
///   if the server refuses that filter (400), it re-reads the first pages until one brings
///   nothing new.
/// - Endless paging is refused: three full pages in a row that bring nothing new, or more pages
///   than `maxPages`, stop the walk with ``PlatformError/Kind/pagingLoop``.
///
/// Memory: one ``AgentSwarmTaskLink`` per task (its id and parent id), never a task's record.
struct AgentSwarmTaskWalk {
    let client: PlatformClient
    let pageSize: Int
    var maxPages = 100_000

    static let baseQuery: [TransportRequest.QueryItem] = [
        .init("orderBy", "createdAt"), .init("fields", "full"), .init("includeHeartbeat", "true"),
    ]

    /// The tasks in walk order (newest first, then those created while paging).
    func run(problem: (ExportProblem) -> Void) async throws -> [AgentSwarmTaskLink] {
        var state = WalkState()
        var lastTotal: Int?
        var offset = 0
        while true {
            let page = try await self.page(offset: offset, createdAfter: nil, state: &state, problem: problem)
            lastTotal = page.total ?? lastTotal
            if page.rows < pageSize { break }
            offset += page.rows
        }
        // Tasks created while paging sit in front of the first page now.
        do {
            try await catchUp(createdAfter: state.newest?.original, state: &state, problem: problem)
        } catch let error as PlatformError where error.kind == .unexpectedStatus(400) && state.newest != nil {
            // The server refused the time filter (a `createdAt` it cannot parse back): re-read the
            // first pages without it instead.
            problem(ExportProblem(.warning, item: "task listing", request: error.request, message: "\(error); the tasks created while paging are looked for on the first pages instead"))
            try await catchUp(createdAfter: nil, state: &state, problem: problem)
        }
        if let lastTotal, lastTotal != state.links.count + state.unreadable {
            problem(ExportProblem(
                .warning, item: "task listing", request: client.request("GET", ["api", "tasks"], query: Self.baseQuery).description,
                message: "source '\(client.source.name)': the server's total (\(lastTotal)) disagrees with the \(state.links.count + state.unreadable) distinct tasks read; every full page was followed by the next one, so no page was skipped because of it"
            ))
        }
        return state.links
    }

    /// Pages from offset 0 (with `createdAfter` when given) until a short page, keeping new rows.
    private func catchUp(createdAfter: String?, state: inout WalkState, problem: (ExportProblem) -> Void) async throws {
        var offset = 0
        while true {
            let page = try await self.page(offset: offset, createdAfter: createdAfter, state: &state, problem: problem)
            if page.rows < pageSize || (createdAfter == nil && page.fresh == 0) { break }
            offset += page.rows
        }
    }

    private struct WalkState {
        var seen = Set<PlatformIDKey>()
        var links: [AgentSwarmTaskLink] = []
        var newest: Timestamp?
        var pages = 0
        var barren = 0
        /// Rows without a readable id (reported), counted against `total`.
        var unreadable = 0
    }

    private func page(
        offset: Int, createdAfter: String?, state: inout WalkState, problem: (ExportProblem) -> Void
    ) async throws -> (rows: Int, fresh: Int, total: Int?) {
        var query = Self.baseQuery + [.init("limit", String(pageSize)), .init("offset", String(offset))]
        if let createdAfter { query.append(.init("createdAfter", createdAfter)) }
        let request = client.request("GET", ["api", "tasks"], query: query)
        var rows = 0
        var fresh = 0
        var rowProblems: [ExportProblem] = []
        let envelope = try await client.streamRecords(request, recordArray: .member("tasks"), recordKind: "task") { record in
            rows += 1
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                let id = try r.requiredString("id")
                let created = try r.optionalTimestamp("createdAt")
                if let created, created.epochMilliseconds != nil, state.newest.map({ $0 < created }) ?? true { state.newest = created }
                if state.seen.insert(PlatformIDKey(id)).inserted {
                    state.links.append(AgentSwarmTaskLink(id: id, parentID: try r.optionalString("parentTaskId"), agentID: try r.optionalString("agentId")))
                    fresh += 1
                }
            } catch {
                state.unreadable += 1
                rowProblems.append(error.problem(request: record.request))
            }
        }
        rowProblems.forEach(problem)
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: client.source.name, request: request.description, field: "tasks", message: "the page has no 'tasks' array; the task walk cannot go on")
        }
        state.pages += 1
        state.barren = rows >= pageSize && fresh == 0 ? state.barren + 1 : 0
        if state.barren >= 3 || state.pages >= maxPages {
            throw PlatformError(
                .pagingLoop, source: client.source.name, request: request.description, field: "offset",
                message: state.barren >= 3
                    ? "three full pages in a row up to offset \(offset) brought no new task; the server seems to ignore 'offset'"
                    : "the task walk did not end after \(state.pages) pages"
            )
        }
        return (rows, fresh, envelope.value["total"]?.int64Value.map { Int(clamping: $0) })
    }
}
