/// An agent as listed by a platform.
public struct Agent: Sendable, Hashable {
    public var id: String
    public var name: String?
    /// The listing record the agent came from; nil when the agent was named in configuration only.
    public var raw: RawRecord?

    public init(id: String, name: String? = nil, raw: RawRecord? = nil) {
        self.id = id
        self.name = name
        self.raw = raw
    }
}
