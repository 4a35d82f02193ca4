import ChronicleCore

/// Decides, from the listing alone, whether a session must be exported this run.
///
/// "Changed" means: the listing's `updated_at` differs from the one committed with the session's
/// newest version (managed-agents `updated_at`, agentscope `updated_at`, agent-swarm `updatedAt`,
/// guayaba `updatedAt` in Unix ms). Where a listing gives no `updated_at` (Vectara's sessions have
/// none) the session's events are fetched and it counts as changed when its event count, last
/// event id or content digest moved; the digest then covers the listing record too (Vectara:
/// `session_context_usage`, `current_step_name`, `enabled`) and stops before artifact bytes
/// (`SessionSink.contentUnchanged(upcoming:)`), so an unchanged session costs no download.
/// A version committed with problems (partial) is always exported again.
public struct IncrementalPolicy: Sendable {
    public enum Decision: Sendable, Equatable {
        /// Never exported before.
        case new
        /// `updated_at` moved, the last version was partial, or `--full`.
        case changed(String)
        /// The listing cannot tell: fetch, then compare event count, last id and digest.
        case fetchAndCompare
        /// Unchanged: not fetched.
        case unchanged
        /// Outside `--since`/`--until`.
        case outOfRange
    }

    public var full: Bool
    /// Bounds on the session's `updated_at` (else `created_at`), Unix ms: since inclusive, until exclusive.
    public var since: Int64?
    public var until: Int64?

    public init(full: Bool = false, since: Int64? = nil, until: Int64? = nil) {
        self.full = full
        self.since = since
        self.until = until
    }

    public func decide(_ session: Session, previous: SessionVersionRecord?) -> Decision {
        if since != nil || until != nil, let t = (session.updatedAt ?? session.createdAt)?.epochMilliseconds {
            if let since, t < since { return .outOfRange }
            if let until, t >= until { return .outOfRange }
        }
        guard let previous else { return .new }
        if full { return .changed("--full") }
        if previous.problems > 0 { return .changed("the last version was partial") }
        guard let updated = session.updatedAt else { return .fetchAndCompare }
        guard let before = previous.updatedAt else { return .changed("updated_at appeared") }
        if let a = updated.epochMilliseconds, let b = previous.updatedAtMilliseconds {
            return a == b ? .unchanged : .changed("updated_at moved")
        }
        return updated.original == before ? .unchanged : .changed("updated_at moved")
    }

    /// After a `fetchAndCompare` export: whether the fetched content differs from `previous`.
    public static func contentChanged(_ outcome: SessionOutcome, previous: SessionVersionRecord) -> Bool {
        outcome.totals.events != previous.eventCount || outcome.lastEventID != previous.lastEventID
            || outcome.contentSHA256 != previous.contentSHA256
    }
}
