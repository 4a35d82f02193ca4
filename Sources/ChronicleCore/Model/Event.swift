import ChronicleJSON

/// One event of a session, in the platform's order.
public struct Event: Sendable, Hashable {
    /// The platform's id for the event, if it has one.
    public var id: String?
    /// Position in the session, from 0.
    public var index: Int
    public var kind: EventKind
    /// The platform's own type word (`agent_output`, `agent.message`, …), kept for display.
    public var platformType: String
    public var createdAt: Timestamp?
    /// Who speaks: `user`, `assistant`, an agent's name, a tool's name.
    public var speaker: String?
    public var blocks: [ContentBlock]
    /// Hidden by an operator or the platform; exported and marked.
    public var hidden: Bool
    public var hiddenReason: String?
    public var model: String?
    /// Usage of the model request this event reports, nil when the platform says nothing.
    public var usage: Usage?
    /// The platform's id of the model request (message id), used to count each request once.
    public var requestID: String?

    public init(
        id: String?, index: Int, kind: EventKind, platformType: String, createdAt: Timestamp? = nil,
        speaker: String? = nil, blocks: [ContentBlock] = [], hidden: Bool = false, hiddenReason: String? = nil,
        model: String? = nil, usage: Usage? = nil, requestID: String? = nil
    ) {
        self.id = id
        self.index = index
        self.kind = kind
        self.platformType = platformType
        self.createdAt = createdAt
        self.speaker = speaker
        self.blocks = blocks
        self.hidden = hidden
        self.hiddenReason = hiddenReason
        self.model = model
        self.usage = usage
        self.requestID = requestID
    }
}
