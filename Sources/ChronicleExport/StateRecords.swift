import ChronicleCore
import ChronicleJSON

/// Builds the records committed in state: from a finished export's outcomes, or from a published
/// bag's `run.json` (adoption). Both give the same records for the same bag.
enum StateRecords {
    static func version(_ o: SessionOutcome, source: String, runID: String, exportedAt: String) -> SessionVersionRecord {
        let t = o.totals
        var tokens: Int64?
        if t.usageKnown { tokens = (t.inputTokens ?? 0) + (t.outputTokens ?? 0) }
        var record = SessionVersionRecord(
            source: source, agentID: o.session.agentID, sessionID: o.session.id, runID: runID, directory: o.directory,
            title: o.session.title, status: o.session.status, running: o.session.running,
            createdAt: o.session.createdAt?.original, updatedAt: o.session.updatedAt?.original,
            updatedAtMilliseconds: o.session.updatedAt?.epochMilliseconds, eventCount: t.events, lastEventID: o.lastEventID,
            contentSHA256: o.contentSHA256, problems: o.problems.filter(\.makesRunPartial).count,
            firstEventAt: t.firstEvent?.utcString, lastEventAt: t.lastEvent?.utcString,
            messages: t.userMessages + t.assistantMessages, tokens: tokens, transcript: o.transcriptPath, exportedAt: exportedAt
        )
        record.artifacts = o.heldArtifacts
        return record
    }

    /// The session versions recorded in a bag's `run.json` (format version 1).
    static func versions(runJSON doc: JSONValue, source: String, runID: String, exportedAt: String) -> [SessionVersionRecord] {
        (doc["sessions"]?.arrayValue ?? []).compactMap { s in
            guard let id = s["id"]?.stringValue, let agent = s["agent_id"]?.stringValue, let directory = s["directory"]?.stringValue else { return nil }
            var tokens: Int64?
            if let i = s["input_tokens"]?.int64Value { tokens = i + (s["output_tokens"]?.int64Value ?? 0) }
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
                tokens: tokens, transcript: s["transcript"]?.stringValue, exportedAt: exportedAt
            )
        }
    }
}
