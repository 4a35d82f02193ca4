import ChronicleCore

/// One exported version of one session, as committed in state: which run's bag holds it and what
/// the session looked like then (for change detection and for the cumulative index).
public struct SessionVersionRecord: Sendable, Hashable {
    public var source: String
    public var agentID: String
    public var sessionID: String
    /// The run (bag folder name under `<out>/<source>/`) holding this version.
    public var runID: String
    /// The session's folder name inside the bag (`data/archive/<directory>.json.gz`).
    public var directory: String
    public var title: String?
    /// The platform's status word, if any.
    public var status: String?
    public var running: Bool
    /// `created_at` / `updated_at` exactly as the platform sent them.
    public var createdAt: String?
    public var updatedAt: String?
    /// `updated_at` in Unix milliseconds, when it could be read.
    public var updatedAtMilliseconds: Int64?
    public var eventCount: Int
    public var lastEventID: String?
    /// SHA-256 (hex) over the raw records fetched for the session (see `ContentDigest`).
    public var contentSHA256: String
    /// Problems that made the session partial; a version with problems is exported again next run.
    public var problems: Int
    public var firstEventAt: String?
    public var lastEventAt: String?
    public var messages: Int
    /// Total tokens (``SessionFigures/tokensDefinition``), when known.
    public var tokens: Int64?
    /// The version's figures (requests, tokens, cost, tool calls, errors), as its bag's CSVs and
    /// run.json give them; nil for versions recorded before Chronicle kept them.
    public var figures: SessionFigures?
    /// `sessions/<dir>/transcript.html`, relative to the bag's `data/`, when HTML was written.
    public var transcript: String?
    /// When the version was committed (UTC ISO 8601).
    public var exportedAt: String
    /// The artifacts this version's bag stored with a platform identity (committed with the
    /// version; not read back with it).
    public var artifacts: [HeldArtifact] = []

    public init(
        source: String, agentID: String, sessionID: String, runID: String, directory: String, title: String? = nil,
        status: String? = nil, running: Bool = false, createdAt: String? = nil, updatedAt: String? = nil,
        updatedAtMilliseconds: Int64? = nil, eventCount: Int, lastEventID: String? = nil, contentSHA256: String,
        problems: Int = 0, firstEventAt: String? = nil, lastEventAt: String? = nil, messages: Int = 0, tokens: Int64? = nil,
        transcript: String? = nil, exportedAt: String, figures: SessionFigures? = nil
    ) {
        self.figures = figures
        self.source = source
        self.agentID = agentID
        self.sessionID = sessionID
        self.runID = runID
        self.directory = directory
        self.title = title
        self.status = status
        self.running = running
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.updatedAtMilliseconds = updatedAtMilliseconds
        self.eventCount = eventCount
        self.lastEventID = lastEventID
        self.contentSHA256 = contentSHA256
        self.problems = problems
        self.firstEventAt = firstEventAt
        self.lastEventAt = lastEventAt
        self.messages = messages
        self.tokens = tokens
        self.transcript = transcript
        self.exportedAt = exportedAt
    }

    public var key: SessionKey { SessionKey(agentID: agentID, sessionID: sessionID) }
}
