/// What the task walk keeps of one task: its id, its parent's id (`parentTaskId`) and its agent
/// (for `--agent` filtering of roots), nothing more, so the walk's memory is about a hundred bytes
/// per task, never a task's record.
struct AgentSwarmTaskLink: Sendable, Hashable {
    var id: String
    var parentID: String?
    var agentID: String?
}
