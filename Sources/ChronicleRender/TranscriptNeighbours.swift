/// The sessions next to a transcript in its run's index (newest first by start time, ties by
/// agent id then session id, as ``IndexPage`` lists them): the older one (the row below it)
/// and the newer one (the row above), each linked from the transcript's navigation block.
public struct TranscriptNeighbours: Sendable, Hashable {
    /// Another session's transcript as a link from this one.
    public struct Link: Sendable, Hashable {
        /// The title the run index shows (redacted, cleaned and escaped when written).
        public var title: String
        /// Relative to the transcript, e.g. `../../sessions/<dir>/transcript.html`.
        public var href: String

        public init(title: String, href: String) {
            self.title = title
            self.href = href
        }
    }

    public var older: Link?
    public var newer: Link?

    public init(older: Link? = nil, newer: Link? = nil) {
        self.older = older
        self.newer = newer
    }

    public static let none = TranscriptNeighbours()

    /// Calls `body` with every entry that links to a transcript, in the run index's order, and
    /// the transcripts next to it. `entries` must be in the run's order (agent id, then session
    /// id), which breaks ties of start time as the index does. An entry's `link` is relative to
    /// the index, in `sessions/<dir>/`, so a transcript reaches another by `../../` + its link.
    public static func forEach(inRunIndexOrder entries: [IndexEntry], _ body: (IndexEntry, TranscriptNeighbours) throws -> Void) rethrows {
        let order = IndexPage.newestFirstOrder(entries).filter { entries[$0].link != nil }
        func link(_ position: Int) -> Link? {
            guard order.indices.contains(position), let href = entries[order[position]].link else { return nil }
            return Link(title: entries[order[position]].title, href: "../../" + href)
        }
        for (position, index) in order.enumerated() {
            try body(entries[index], TranscriptNeighbours(older: link(position + 1), newer: link(position - 1)))
        }
    }
}
