import ChronicleCore
import ChronicleJSON

/// An offset-paged listing (`limit` + `offset`, with `total`) whose rows can shift while it is
/// read, as agent-swarm's `/api/sessions` does when sessions arrive or go during the listing.
///
/// - Rows are de-duplicated by key: a row that slid onto the next page is delivered once.
/// - After the last page the first page is read again, and rows not seen before (rows that slid
///   in at the front while paging) are delivered then.
/// - Paging ends when `offset` reaches `total`, or, without `total`, at a short or empty page.
/// - Endless paging is refused: three full pages in a row that bring nothing new, or more pages
///   than `maxPages`, stop the listing with ``PlatformError/Kind/pagingLoop``.
struct OffsetPagedListing {
    let client: PlatformClient
    let path: [String]
    let member: String
    let recordKind: String
    let pageSize: Int
    var extraQuery: [TransportRequest.QueryItem] = []
    var maxPages = 100_000

    /// Calls `onNew` for each row not delivered before; `key` names a row (its id).
    func run(key: (RawRecord) -> String, onNew: (RawRecord) async throws -> Void) async throws {
        var seen = Set<String>()
        var offset = 0
        var pages = 0
        var barren = 0
        while true {
            let (rows, fresh, total, request) = try await page(offset: offset, seen: &seen, key: key, onNew: onNew)
            pages += 1
            if rows == 0 { break }
            offset += rows
            if let total {
                if offset >= total { break }
            } else if rows < pageSize {
                break
            }
            barren = fresh == 0 ? barren + 1 : 0
            if barren >= 3 || pages >= maxPages {
                throw PlatformError(
                    .pagingLoop, source: client.source.name, request: request, field: "offset",
                    message: barren >= 3
                        ? "three pages in a row up to offset \(offset) brought no new \(member) (total \(total.map(String.init) ?? "unknown"))"
                        : "the listing did not end after \(pages) pages"
                )
            }
        }
        // Rows that slid in at the front while paging show up on the first page now.
        _ = try await page(offset: 0, seen: &seen, key: key, onNew: onNew)
    }

    private func page(
        offset: Int, seen: inout Set<String>, key: (RawRecord) -> String, onNew: (RawRecord) async throws -> Void
    ) async throws -> (rows: Int, fresh: Int, total: Int?, request: String) {
        var query = [TransportRequest.QueryItem("limit", String(pageSize)), .init("offset", String(offset))]
        query += extraQuery
        let request = client.request("GET", path, query: query)
        var rows = 0
        var fresh: [RawRecord] = []
        let envelope = try await client.streamRecords(request, recordArray: .member(member), recordKind: recordKind) { record in
            rows += 1
            if seen.insert(key(record)).inserted { fresh.append(record) }
        }
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: client.source.name, request: request.description, field: member, message: "the page has no '\(member)' array")
        }
        for record in fresh { try await onNew(record) }
        let total = envelope.value["total"]?.int64Value.map { Int(clamping: $0) }
        return (rows, fresh.count, total, request.description)
    }
}
