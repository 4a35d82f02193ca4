import ChronicleCore

/// Guards a paged listing against platforms whose paging never ends: a page key or cursor seen
/// twice stops the listing with an error instead of looping forever.
public struct PagedListing: Sendable {
    private var seen: Set<ExactText> = []
    public let source: String
    public let what: String

    public init(source: String, what: String) {
        self.source = source
        self.what = what
    }

    /// Registers the next page key; throws when it was already used.
    public mutating func advance(to key: String, request: String) throws {
        guard seen.insert(ExactText(key)).inserted else {
            throw PlatformError(
                .pagingLoop, source: source, request: request,
                message: "the \(what) listing returned page key '\(key)' a second time"
            )
        }
    }
}
