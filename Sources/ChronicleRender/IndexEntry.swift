import ChronicleCore

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
    /// The session's agent id (``agent`` is what the page shows: its name where known).
    public var agentID: String?
    /// The session's figures, as the transcript, the CSVs and run.json give them; ``tokens`` and
    /// ``cost`` are taken from them when they are set.
    public var figures: SessionFigures? {
        didSet {
            if let figures {
                tokens = figures.totalTokens
                cost = figures.costText
            }
        }
    }

    public init(
        source: String, title: String, sessionID: String, agent: String, started: String?, durationSeconds: Int64?,
        messages: Int, events: Int, tokens: Int64?, status: String, link: String?, cost: String? = nil,
        agentID: String? = nil, figures: SessionFigures? = nil
    ) {
        self.agentID = agentID
        self.figures = figures
        self.cost = figures?.costText ?? cost
        self.source = source
        self.title = title
        self.sessionID = sessionID
        self.agent = agent
        self.started = started
        self.durationSeconds = durationSeconds
        self.messages = messages
        self.events = events
        self.tokens = figures?.totalTokens ?? tokens
        self.status = status
        self.link = link
    }
}
