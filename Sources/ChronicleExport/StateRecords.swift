import ChronicleCore
import ChronicleJSON

/// Builds the records committed in state: from a finished export's outcomes, or from a published
/// bag's `run.json` (adoption). Both give the same records for the same bag.
enum StateRecords {
    static func version(_ o: SessionOutcome, source: String, runID: String, exportedAt: String) -> SessionVersionRecord {
        let t = o.totals
        let figures = o.figures
        var record = SessionVersionRecord(
            source: source, agentID: o.session.agentID, sessionID: o.session.id, runID: runID, directory: o.directory,
            title: o.session.title, status: o.session.status, running: o.session.running,
            createdAt: o.session.createdAt?.original, updatedAt: o.session.updatedAt?.original,
            updatedAtMilliseconds: o.session.updatedAt?.epochMilliseconds, eventCount: t.events, lastEventID: o.lastEventID,
            contentSHA256: o.contentSHA256, problems: o.problems.filter(\.makesRunPartial).count,
            firstEventAt: t.firstEvent?.utcString, lastEventAt: t.lastEvent?.utcString,
            messages: t.userMessages + t.assistantMessages, tokens: figures.totalTokens, transcript: o.transcriptPath, exportedAt: exportedAt,
            figures: figures
        )
        record.artifacts = o.heldArtifacts
        return record
    }

    /// The session versions recorded in a bag's `run.json` (format version 1).
    static func versions(runJSON doc: JSONValue, source: String, runID: String, exportedAt: String) -> [SessionVersionRecord] {
        (doc["sessions"]?.arrayValue ?? []).compactMap { s in
            guard let id = s["id"]?.stringValue, let agent = s["agent_id"]?.stringValue, let directory = s["directory"]?.stringValue else { return nil }
            let figures = Self.figures(s)
            let updated = s["updated_at"]?["original"]?.stringValue
            return SessionVersionRecord(
                source: source, agentID: agent, sessionID: id, runID: runID, directory: directory,
                title: s["title"]?.stringValue, status: s["status"]?.stringValue, running: s["running"]?.boolValue ?? false,
                createdAt: s["created_at"]?["original"]?.stringValue, updatedAt: updated,
                updatedAtMilliseconds: s["updated_at"]?["utc"]?.stringValue.flatMap { Timestamp.iso8601($0).epochMilliseconds },
                eventCount: Int(s["events"]?.int64Value ?? 0), lastEventID: s["last_event_id"]?.stringValue,
                contentSHA256: s["content_sha256"]?.stringValue ?? "", problems: Int(s["problems"]?.int64Value ?? 0),
                firstEventAt: s["first_event_at"]?.stringValue, lastEventAt: s["last_event_at"]?.stringValue,
                messages: Int((s["user_messages"]?.int64Value ?? 0) + (s["assistant_messages"]?.int64Value ?? 0)),
                tokens: figures.totalTokens, transcript: s["transcript"]?.stringValue, exportedAt: exportedAt, figures: figures
            )
        }
    }

    /// A session's figures from its run.json member. Members written before run.json carried
    /// `cost_usd` and `cost_source` give the platform's cost where it reported one, else unknown.
    static func figures(_ s: JSONValue) -> SessionFigures {
        var cost: UsageCost
        if let source = s["cost_source"]?.stringValue {
            cost = SessionFigures.cost(literal: number(s["cost_usd"]), source: source)
        } else {
            cost = SessionFigures.cost(literal: number(s["platform_cost_usd"]), source: CostSource.platform.rawValue)
        }
        return SessionFigures(
            requests: Int(s["model_requests"]?.int64Value ?? 0), inputTokens: s["input_tokens"]?.int64Value,
            outputTokens: s["output_tokens"]?.int64Value, cacheReadTokens: s["cache_read_tokens"]?.int64Value,
            cacheWriteTokens: s["cache_write_tokens"]?.int64Value, cost: cost,
            toolCalls: Int(s["tool_calls"]?.int64Value ?? 0), errors: Int(s["errors"]?.int64Value ?? 0)
        )
    }

    /// A JSON number's literal, exactly as written.
    static func number(_ v: JSONValue?) -> String? {
        if case .number(let literal)? = v { return literal }
        return nil
    }
}
