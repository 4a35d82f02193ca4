import ChronicleCore

/// Builds the adapter for a source's platform.
public enum AdapterFactory {
    /// The adapter, or nil when this build has no adapter for the platform yet. `oauth`: OAuth
    /// client credentials, for the platforms that take them (vectara).
    public static func make(
        source: SourceDescriptor, transport: any Transport, credential: Credential?, oauth: OAuthClientCredentials? = nil
    ) -> (any PlatformAdapter)? {
        switch source.platform {
        case .vectara:
            return VectaraAdapter(source: source, transport: transport, credential: credential, oauth: oauth)
        case .guayaba:
            return GuayabaAdapter(source: source, transport: transport, credential: credential)
        case .managedAgents:
            return ManagedAgentsAdapter(source: source, transport: transport, credential: credential)
        case .agentSwarm:
            return AgentSwarmAdapter(source: source, transport: transport, credential: credential)
        case .agentscope:
            return AgentScopeAdapter(source: source, transport: transport, credential: credential)
        }
    }

    /// The header style a platform authenticates with by default.
    public static func defaultCredentialStyle(for platform: PlatformID) -> Credential.Style {
        switch platform {
        case .vectara: return .apiKey
        case .agentscope: return .userID
        case .guayaba, .managedAgents, .agentSwarm: return .bearer
        }
    }
}
