import ChronicleCore
import ChronicleJSON
import Foundation

/// The Guayaba Public API v1 (`shared/platforms/guayaba.md`): bare, unpaged arrays for agents and
/// sessions (active and archived), and one `POST …/sessions/history` per session that returns its
/// messages oldest first, capped by `limit`. Artifacts are base64 `image`/`document` blocks inside
/// messages, decoded to disk and identified by the SHA-256 of their bytes.
///
/// The raw message records are archived exactly as sent, base64 included: the archive is the
/// lossless copy, and the base64 appears there once (the normalised artifact reference carries
/// only its path, size and hash).
public struct GuayabaAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    /// `limit` sent with each history request (1–1000); a history of exactly this many messages
    /// may be cut short.
    public let historyLimit: Int

    /// The contract's maximum, used unless the source's `history_limit` option says otherwise.
    public static let defaultHistoryLimit = 1000

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?, historyLimit: Int? = nil) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: GuayabaAdapter.errorMessage)
        self.historyLimit = historyLimit ?? Self.historyLimit(option: source.options["history_limit"])
    }

    /// The `history_limit` option when it is an integer in 1…1000, else the contract's 1000.
    static func historyLimit(option: String?) -> Int {
        guard let option, let n = Int(option), (1...defaultHistoryLimit).contains(n) else { return defaultHistoryLimit }
        return n
    }

    /// `{"error": "unauthorized", "message": "Invalid or missing API key"}`.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        let code = value["error"]?.stringValue
        switch (code, value["message"]?.stringValue) {
        case let (code?, message?): return "\(code): \(message)"
        case let (nil, message?): return message
        case let (code?, nil): return code
        case (nil, nil): return nil
        }
    }

    /// The history request's body, byte for byte: `{"sessionKey":"…","limit":N}` (fixed member
    /// order, no spaces), so a replay tree can name its response by the body's hash.
    public static func historyBody(sessionKey: String, limit: Int) -> [UInt8] {
        var out = Array(#"{"sessionKey":"#.utf8)
        JSONWriter.appendString(sessionKey, to: &out)
        out.append(contentsOf: Array(#","limit":\#(limit)}"#.utf8))
        return out
    }

    public func agents() async throws -> [Agent] {
        if !source.agents.isEmpty {
            return source.agents.map { Agent(id: $0) }
        }
        var agents: [Agent] = []
        var problems: [ExportProblem] = []
        let request = client.request("GET", ["agents"])
        let envelope = try await client.streamRecords(request, recordArray: .root, recordKind: "agent") { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                agents.append(Agent(id: try r.requiredString("id"), name: try r.optionalString("name"), raw: record))
            } catch {
                problems.append(error.problem(request: record.request))
            }
        }
        try requireArray(envelope, request: request, sessionID: nil)
        if let first = problems.first {
            throw PlatformError(.malformedRecord, source: source.name, request: first.request, message: first.message)
        }
        return agents
    }

    public func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws {
        // Archived sessions are exported too; a key listed as active is not exported twice.
        var seen: Set<ExactText> = []
        for archived in [false, true] {
            let path = ["agents", agent.id, "sessions"] + (archived ? ["archived"] : [])
            let request = client.request("GET", path)
            let envelope: JSONEnvelope
            do {
                envelope = try await client.streamRecords(request, recordArray: .root, recordKind: archived ? "archived_session" : "session") { record in
                    guard let session = GuayabaSessionMapper.session(record, agent: agent, archived: archived, problem: problem) else { return }
                    guard seen.insert(ExactText(session.id)).inserted else { return }
                    try await body(session)
                }
            } catch let error as PlatformError where error.kind == .notFound {
                problem(ExportProblem(.missing, item: "agent \(agent.id) \(archived ? "archived sessions" : "sessions")", request: request.description, message: error.description))
                continue
            }
            guard envelope.foundRecordArray else {
                problem(ExportProblem(.malformed, item: "agent \(agent.id) sessions", request: request.description, message: "source '\(source.name)': \(request): expected a JSON array of sessions, found \(envelope.value.typeName)"))
                continue
            }
        }
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let request = client.request(
            "POST", ["agents", session.agentID, "sessions", "history"],
            body: Self.historyBody(sessionKey: session.id, limit: historyLimit)
        )
        var count = 0
        let envelope: JSONEnvelope
        do {
            envelope = try await client.streamRecords(request, recordArray: .root, recordKind: "message", sessionID: session.id) { record in
                count += 1
                let item = GuayabaMessageMapper.item(for: record, sessionID: session.id, artifactsDirectory: sink.artifactsDirectory, report: sink.report)
                try await sink.accept(item)
            }
        } catch let error as PlatformError where error.kind == .notFound {
            sink.report(ExportProblem(.missing, sessionID: session.id, item: "history", request: request.description, message: error.description))
            return
        }
        guard envelope.foundRecordArray else {
            sink.report(ExportProblem(.malformed, sessionID: session.id, item: "history", request: request.description, message: "source '\(source.name)': session '\(session.id)': \(request): expected a JSON array of messages, found \(envelope.value.typeName)"))
            try await sink.accept(SessionItem(record: RawRecord(kind: "envelope", request: request.description, bytes: envelope.raw)))
            return
        }
        if count >= historyLimit {
            sink.markPossiblyTruncated(reason: "the history returned exactly limit=\(historyLimit) messages: older messages may be missing (the platform caps history at \(Self.defaultHistoryLimit))")
        }
    }

    func requireArray(_ envelope: JSONEnvelope, request: TransportRequest, sessionID: String?) throws {
        guard envelope.foundRecordArray else {
            throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: sessionID, message: "expected a JSON array, found \(envelope.value.typeName)")
        }
    }
}
