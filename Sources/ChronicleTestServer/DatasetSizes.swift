/// How much data a ``PlatformDataset`` generates.
public struct DatasetSizes: Sendable, Hashable {
    public var agents: Int
    public var sessionsPerAgent: Int
    /// Roughly the events (messages, log lines) per session; each session varies a little.
    public var eventsPerSession: Int
    /// Artifacts per session (the first is always a PNG) on platforms that have artifacts.
    public var artifactsPerSession: Int
    /// Bytes of a non-PNG artifact.
    public var artifactBytes: Int

    public init(agents: Int = 2, sessionsPerAgent: Int = 3, eventsPerSession: Int = 8, artifactsPerSession: Int = 2, artifactBytes: Int = 3000) {
        self.agents = max(1, agents)
        self.sessionsPerAgent = max(1, sessionsPerAgent)
        self.eventsPerSession = max(4, eventsPerSession)
        self.artifactsPerSession = max(0, artifactsPerSession)
        self.artifactBytes = max(1, artifactBytes)
    }

    public static let small = DatasetSizes()
}
