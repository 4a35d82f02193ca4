import ChronicleCore
import ChronicleJSON

/// Maps one agent-swarm `LogLine` (`{"id", "taskId", "sessionId", "iteration", "cli",
/// "lineNumber", "createdAt", "content"}`) onto an ``Event``. `content` is one raw output line of
/// the harness named by `cli`; the event's id is the line's own `id`.
///
/// - `{"type": "stderr", …}` (the runner's stderr envelope, any `cli`) → a status line with the
///   text (``AgentSwarmStderrLine``).
/// - `cli` `codex` → ``AgentSwarmCodexLine``; `opencode` → ``AgentSwarmOpencodeLine``;
///   `claude`, `pi`, `devin` and any other → ``AgentSwarmClaudeLine`` (stream-json shapes:
///   `assistant`, `user`, `system`, `result`); a type it does not know stays JSON (unknown).
/// - A `content` that is not a JSON object is kept verbatim as raw text.
///
/// Usage read from a line is kept only when the line's run (its runner `sessionId`) has no cost
/// row: a run with a cost row takes its tokens from that row alone (``AgentSwarmCostEvent``), so
/// each run is counted from exactly one source.
enum AgentSwarmLogMapper {
    struct Context {
        var sessionID: String
        /// The runner sessions (runs) that have a cost row: their lines' usage does not count.
        var runsWithCost: Set<PlatformIDKey>
        /// The task's `model`, for usage whose line names none (codex).
        var taskModel: String?
        /// The name of the agent that ran the task.
        var agentName: String?
    }

    static func item(for record: RawRecord, context: Context, report: (ExportProblem) -> Void) -> SessionItem {
        let reader: RecordReader
        do {
            reader = try RecordReader(raw: record, sessionID: context.sessionID)
        } catch {
            report(error.problem(request: record.request))
            return SessionItem(record: record, events: [Event(id: nil, index: 0, kind: .unknown, platformType: "unreadable", blocks: [.rawText(String(decoding: record.bytes, as: UTF8.self))])])
        }
        do {
            return SessionItem(record: record, events: [try event(reader, context: context)])
        } catch {
            report(error.problem(request: record.request))
            var fallback = Event(id: (try? reader.optionalString("id")) ?? nil, index: 0, kind: .unknown, platformType: "unreadable")
            fallback.blocks = [.json(reader.value)]
            fallback.createdAt = (try? reader.optionalTimestamp("createdAt")) ?? nil
            return SessionItem(record: record, events: [fallback])
        }
    }

    static func event(_ r: RecordReader, context: Context) throws(RecordError) -> Event {
        let content = try r.requiredString("content")
        let cli = try r.optionalString("cli")
        var e = Event(id: try r.optionalString("id"), index: 0, kind: .unknown, platformType: "non_json_line")
        e.createdAt = try r.optionalTimestamp("createdAt")
        guard let line = try? JSONParser.parse(Array(content.utf8)), line.objectMembers != nil else {
            e.speaker = cli
            e.blocks = [.rawText(content)]
            return e
        }
        let l = RecordReader(line, kind: "\(r.kind).content", sessionID: r.sessionID)
        e.platformType = try l.optionalString("type") ?? "untyped"
        if e.platformType == "stderr" {
            try AgentSwarmStderrLine.map(l, into: &e)
        } else {
            switch cli {
            case "codex": try AgentSwarmCodexLine.map(l, into: &e)
            case "opencode": try AgentSwarmOpencodeLine.map(l, into: &e)
            default: try AgentSwarmClaudeLine.map(l, into: &e)
            }
        }
        if e.speaker == "assistant", let name = context.agentName { e.speaker = name }
        let run = try r.optionalString("sessionId")
        if let run, context.runsWithCost.contains(PlatformIDKey(run)) {
            e.usage = nil
        } else if e.usage != nil, e.model == nil {
            e.model = context.taskModel
        }
        return e
    }

    /// An event whose blocks are all tool calls, tool results or thinking takes that kind.
    static func kindOf(_ blocks: [ContentBlock], default kind: EventKind) -> EventKind {
        guard !blocks.isEmpty else { return kind }
        if blocks.allSatisfy({ if case .toolCall = $0 { return true } else { return false } }) { return .toolCall }
        if blocks.allSatisfy({ if case .toolResult = $0 { return true } else { return false } }) { return .toolResult }
        if blocks.allSatisfy({ if case .thinking = $0 { return true } else { return false } }) { return .thinking }
        return kind
    }
}
