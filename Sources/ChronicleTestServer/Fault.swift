/// One thing that can go wrong with a request, switched on by a ``FaultRule``.
public enum Fault: Sendable, Hashable {
    /// This status with the platform's error body, and `Retry-After` when given (429, 500, 503…).
    case status(Int, retryAfter: String? = nil)
    /// 404 with the platform's body: the item was deleted after it was listed.
    case notFound
    /// The real response's head and `afterBytes` of its body, then the connection closes.
    case resetMidBody(afterBytes: Int)
    /// The real response's head, then silence (the client's read timeout must fire).
    case headersThenSilence
    /// `302` to the same path and query on another origin (`http://127.0.0.2:PORT`).
    case redirect(toOrigin: String)
    /// This status with an error body that echoes the credential the request presented.
    case echoCredential(status: Int)
    /// The real page, but its cursor or page key is the same one again, forever.
    case repeatCursor
    /// The real response, then the session is deleted: later requests for it answer 404 from
    /// the player itself (deleted between listing and fetching).
    case deleteSessionAfterResponse(id: String)
    /// The real page, then a new row is inserted at the front of the listing (offset paging
    /// shifts: the next page repeats a row).
    case insertRowAtFront
    /// The real response, then a listed session has activity (``PlatformDataset/applyActivity()``:
    /// agent-swarm adds a task to its chain, so it moves in listings ordered by activity).
    case sessionActivity
    /// The real page, but its `total` says this number whatever the rows are.
    case lyingTotal(Int)
}
