/// The platforms Chronicle can export from; the raw value is the dialect id used on the command
/// line and in configuration files.
public enum PlatformID: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case guayaba
    case managedAgents = "managed-agents"
    case vectara
    case agentSwarm = "agent-swarm"
    case agentscope

    public var description: String { rawValue }
}
