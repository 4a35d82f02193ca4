import ChronicleBag
import ChronicleCore
import ChronicleJSON
import ChronicleRedact
import ChronicleRender

/// `data/run.json`: what a run did, the counts, its status and every problem (format version 1).
enum RunDocument {
    static let schemaVersion = 1

    static func make(
        source: SourceDescriptor, runID: String, started: String, finished: String, status: SourceRunResult.Status,
        previous: (runID: String, tagManifest: String)?, agents: [Agent], totals: RunTotals,
        problems: [ExportProblem], software: String, skipped: Int = 0, extra: [JSONMember] = []
    ) -> JSONValue {
        let missing = problems.filter { $0.kind == .missing }
        return .object([
            .init("format", .string("chronicle-run")),
            .init("version", .number(String(schemaVersion))),
            .init("software", .string(software)),
            .init("run_id", .string(runID)),
            .init("source", .object([
                .init("name", .string(source.name)),
                .init("platform", .string(source.platform.rawValue)),
                .init("base_url", .string(source.baseURL)),
            ])),
            .init("started_at", .string(started)),
            .init("finished_at", .string(finished)),
            .init("status", .string(status.rawValue)),
            .init("previous_run", previous.map { .string($0.runID) } ?? .null),
            .init("previous_tagmanifest_sha256", previous.map { .string($0.tagManifest) } ?? .null),
            .init("counts", .object([
                .init("agents", ModelJSON.number(agents.count)),
                .init("sessions", ModelJSON.number(totals.sessions)),
                .init("skipped_unchanged", ModelJSON.number(skipped)),
                .init("events", ModelJSON.number(totals.events)),
                .init("artifacts", ModelJSON.number(totals.artifacts)),
                .init("artifact_bytes", .number(String(totals.artifactBytes))),
                .init("missing", ModelJSON.number(missing.count)),
                .init("problems", ModelJSON.number(problems.filter(\.makesRunPartial).count)),
                .init("warnings", ModelJSON.number(problems.filter { !$0.makesRunPartial }.count)),
            ])),
            .init("agents", .array(agents.map { .object([.init("id", .string($0.id)), .init("name", ModelJSON.optional($0.name))]) })),
            // Filled by `write`, one session at a time.
            .init("sessions", .array([])),
            .init("missing", .array(missing.map(ModelJSON.problem))),
            .init("problems", .array(problems.filter { $0.kind != .missing && $0.makesRunPartial }.map(ModelJSON.problem))),
            .init("warnings", .array(problems.filter { !$0.makesRunPartial }.map(ModelJSON.problem))),
            .init("redactions", .object(totals.redactions.sorted.map { .init($0.rule, .number(String($0.count))) })),
        ] + extra)
    }

    /// Writes `data/run.json` (``make``'s document) atomically, each session's member read back
    /// from the spool, where it was printed when the session finished (``element(_:)``): the
    /// document of a long run is never held whole, and its end costs a copy per session.
    static func write(
        to path: String, source: SourceDescriptor, runID: String, started: String, finished: String, status: SourceRunResult.Status,
        previous: (runID: String, tagManifest: String)?, agents: [Agent], totals: RunTotals, outcomes: OutcomeSpool,
        problems: [ExportProblem], software: String, skipped: Int = 0, extra: [JSONMember] = []
    ) throws {
        let document = make(
            source: source, runID: runID, started: started, finished: finished, status: status, previous: previous, agents: agents,
            totals: totals, problems: problems, software: software, skipped: skipped, extra: extra
        )
        try AtomicFile.write(to: path) { emit in
            try PrettyJSON.stream(document, expanding: "sessions", count: outcomes.count, elementBytes: { try outcomes.runJSONElement(at: $0) }, emit: emit)
        }
    }

    /// A session's member of `sessions`, printed as ``write`` writes it.
    static func element(_ o: SessionOutcome) -> [UInt8] {
        PrettyJSON.streamElement(session(o))
    }

    static func session(_ o: SessionOutcome) -> JSONValue {
        let t = o.totals
        let f = o.figures
        var members: [JSONMember] = [
            .init("id", .string(o.session.id)),
            .init("agent_id", .string(o.session.agentID)),
            .init("title", ModelJSON.optional(o.session.title)),
            .init("directory", .string(o.directory)),
            .init("archive", .string(o.archivePath)),
            .init("transcript", ModelJSON.optional(o.transcriptPath)),
            .init("status", ModelJSON.optional(o.session.status)),
            .init("running", .bool(o.session.running)),
            .init("possibly_truncated", .bool(o.session.possiblyTruncated)),
            .init("created_at", ModelJSON.timestamp(o.session.createdAt)),
            .init("updated_at", ModelJSON.timestamp(o.session.updatedAt)),
            .init("first_event_at", t.firstEvent.map { .string($0.utcString) } ?? .null),
            .init("last_event_at", t.lastEvent.map { .string($0.utcString) } ?? .null),
            .init("events", ModelJSON.number(t.events)),
            .init("user_messages", ModelJSON.number(t.userMessages)),
            .init("assistant_messages", ModelJSON.number(t.assistantMessages)),
            .init("tool_calls", ModelJSON.number(f.toolCalls)),
            .init("errors", ModelJSON.number(f.errors)),
            .init("unknown_events", ModelJSON.number(t.unknownEvents)),
            .init("hidden_events", ModelJSON.number(t.hiddenEvents)),
            .init("model_requests", ModelJSON.number(f.requests)),
            .init("input_tokens", ModelJSON.number(f.inputTokens)),
            .init("output_tokens", ModelJSON.number(f.outputTokens)),
            .init("cache_read_tokens", ModelJSON.number(f.cacheReadTokens)),
            .init("cache_write_tokens", ModelJSON.number(f.cacheWriteTokens)),
            .init("total_tokens", ModelJSON.number(f.totalTokens)),
            .init("cost_usd", f.costText.map { JSONValue.number($0) } ?? .null),
            .init("cost_source", .string(f.cost.source.rawValue)),
            .init("models", .array(t.models.map(JSONValue.string))),
            .init("artifacts", ModelJSON.number(t.artifacts)),
            .init("artifact_bytes", .number(String(t.artifactBytes))),
            .init("problems", ModelJSON.number(o.problems.filter(\.makesRunPartial).count)),
            .init("last_event_id", ModelJSON.optional(o.lastEventID)),
            .init("content_sha256", .string(o.contentSHA256)),
            .init("platform_cost_usd", o.session.platformCostUSD.map { JSONValue.number($0) } ?? .null),
        ]
        // Context-window figures (vectara's session_context_usage), not billing: never in the
        // token columns; only where the platform reports them.
        if let context = o.session.contextUsage { members.append(.init("context_usage", ModelJSON.contextUsage(context))) }
        return .object(members)
    }
}
