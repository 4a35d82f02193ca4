/// The agents' names (`GET /api/agents`) read by the listing, for the export to name who speaks
/// in each task of a session. One entry per agent of the swarm.
actor AgentSwarmAgentNames {
    private(set) var names: [PlatformIDKey: String] = [:]

    func store(_ names: [PlatformIDKey: String]) {
        self.names = names
    }
}
