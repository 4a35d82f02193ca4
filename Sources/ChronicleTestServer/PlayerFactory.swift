import ChronicleCore

/// The player of a dataset's platform.
public enum PlayerFactory {
    public static func player(for dataset: PlatformDataset) -> any PlatformPlayer {
        switch dataset.platform {
        case .guayaba: return GuayabaPlayer(dataset: dataset)
        case .managedAgents: return ManagedAgentsPlayer(dataset: dataset)
        case .vectara: return VectaraPlayer(dataset: dataset)
        case .agentSwarm: return AgentSwarmPlayer(dataset: dataset)
        case .agentscope: return AgentScopePlayer(dataset: dataset)
        }
    }
}
