/// Groups the walked tasks into sessions: a session is a root task (no `parentTaskId`) and its
/// descendants, found by following `parentTaskId` up. A task whose ancestry leaves the walk (its
/// parent was deleted, or is not visible) makes its topmost walked ancestor a session root of
/// its own, so no task is left out; each such case is named in ``orphans``.
struct AgentSwarmSessionRoots {
    /// The session roots in walk order (newest first).
    var roots: [AgentSwarmTaskLink] = []
    /// Tasks made roots because their parent was not walked: (task, missing parent).
    var orphans: [(taskID: String, parentID: String)] = []

    init(_ links: [AgentSwarmTaskLink]) {
        var byID: [PlatformIDKey: AgentSwarmTaskLink] = [:]
        for link in links { byID[PlatformIDKey(link.id)] = link }
        var rootKeys = Set<PlatformIDKey>()
        for link in links {
            var current = link
            var steps = 0
            while let parent = current.parentID {
                guard let next = byID[PlatformIDKey(parent)], steps < links.count else {
                    // The ancestry leaves the walk (or loops): the topmost walked task is a root.
                    if rootKeys.insert(PlatformIDKey(current.id)).inserted { orphans.append((current.id, parent)) }
                    break
                }
                current = next
                steps += 1
            }
            if current.parentID == nil { rootKeys.insert(PlatformIDKey(current.id)) }
        }
        roots = links.filter { rootKeys.contains(PlatformIDKey($0.id)) }
    }
}
