/// One row of an index page.
public struct IndexEntry: Sendable, Hashable {
    public var source: String
    public var title: String
    public var sessionID: String
    public var agent: String
    public var started: String?
    public var durationSeconds: Int64?
    public var messages: Int
    public var events: Int
    public var tokens: Int64?
    public var status: String
    /// Link to the transcript, relative to the index page.
    public var link: String?
    /// The session's cost in US dollars as a decimal literal, when known.
    public var cost: String?

    public init(
        source: String, title: String, sessionID: String, agent: String, started: String?, durationSeconds: Int64?,
        messages: Int, events: Int, tokens: Int64?, status: String, link: String?, cost: String? = nil
    ) {
        self.cost = cost
        self.source = source
        self.title = title
        self.sessionID = sessionID
        self.agent = agent
        self.started = started
        self.durationSeconds = durationSeconds
        self.messages = messages
        self.events = events
        self.tokens = tokens
        self.status = status
        self.link = link
    }
}
