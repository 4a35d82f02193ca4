/// One configured source: a named connection to one platform. Holds no secret.
public struct SourceDescriptor: Sendable, Hashable {
    /// Names the output folder `<out>/<name>/`.
    public var name: String
    public var platform: PlatformID
    /// The base URL as configured, for messages (never carries a credential).
    public var baseURL: String
    /// Agents to export; empty means every agent the credential can see.
    public var agents: [String]
    /// Page size sent as `limit` on paged listings.
    public var pageSize: Int
    /// Platform-specific settings an adapter reads by name (e.g. guayaba's `history_limit`);
    /// adapters ignore names they do not know.
    public var options: [String: String]

    public init(
        name: String, platform: PlatformID, baseURL: String, agents: [String] = [], pageSize: Int = 100,
        options: [String: String] = [:]
    ) {
        self.name = name
        self.platform = platform
        self.baseURL = baseURL
        self.agents = agents
        self.pageSize = pageSize
        self.options = options
    }
}
