import ChronicleArtifacts
import ChronicleCore
import ChronicleJSON
import Foundation

/// A managed-agents style API (`shared/platforms/managed-agents.md`): agents, sessions and files
/// paged with `cursor`/`next_cursor`; each session's event log is one JSON array (stream-parsed);
/// files are downloaded as raw bytes, streamed to disk and checked against `size_bytes`.
///
/// The session's `usage` is the platform's sum of its events' usage: it stays in the raw session
/// record and is never added to the events' usage, so each model request is counted once.
public struct ManagedAgentsAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: credential, errorMessage: ManagedAgentsAdapter.errorMessage)
    }

    /// `{"error": {"type": "…", "message": "…"}}`; `overloaded_error` comes with 529.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        let error = value["error"]
        let type = error?["type"]?.stringValue
        let message = error?["message"]?.stringValue ?? value["message"]?.stringValue ?? error?.stringValue
        switch (type, message) {
        case let (type?, message?): return "\(type): \(message)"
        case let (nil, message?): return message
        case let (type?, nil): return type
        case (nil, nil): return nil
        }
    }

    public func agents() async throws -> [Agent] {
        if !source.agents.isEmpty {
            return source.agents.map { Agent(id: $0) }
        }
        var agents: [Agent] = []
        var problems: [ExportProblem] = []
        try await pages(["agents"], query: [], kind: "agent", sessionID: nil) { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                agents.append(Agent(id: try r.requiredString("id"), name: try r.optionalString("name"), raw: record))
            } catch {
                problems.append(error.problem(request: record.request))
            }
        }
        if let first = problems.first {
            throw PlatformError(.malformedRecord, source: source.name, request: first.request, message: first.message)
        }
        return agents
    }

    public func listSessions(
        of agent: Agent, problem: (ExportProblem) -> Void, _ body: (Session) async throws -> Void
    ) async throws {
        try await pages(["sessions"], query: [.init("agent_id", agent.id)], kind: "session", sessionID: nil) { record in
            let session: Session
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                let id = try r.requiredString("id")
                let s = RecordReader(r.value, kind: record.kind, sessionID: id)
                let status = try s.optionalString("status")
                session = Session(
                    id: id, agentID: try s.optionalString("agent_id") ?? agent.id, agentName: agent.name,
                    title: try s.optionalString("title"), status: status,
                    createdAt: try s.optionalTimestamp("created_at"), updatedAt: try s.optionalTimestamp("updated_at"),
                    running: status == "running", raw: [record]
                )
            } catch {
                problem(error.problem(request: record.request))
                return
            }
            try await body(session)
        }
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        // The event log: one JSON array, streamed record by record.
        let request = client.request("GET", ["sessions", session.id, "events"])
        do {
            let envelope = try await client.streamRecords(request, recordArray: .root, recordKind: "event", sessionID: session.id) { record in
                try await sink.accept(ManagedAgentsEventMapper.item(for: record, sessionID: session.id, report: sink.report))
            }
            if !envelope.foundRecordArray {
                sink.report(ExportProblem(.malformed, sessionID: session.id, item: "events", request: request.description, message: "source '\(source.name)': session '\(session.id)': \(request): expected the event log as a JSON array, found \(envelope.value.typeName)"))
                try await sink.accept(SessionItem(record: RawRecord(kind: "envelope", request: request.description, bytes: envelope.raw)))
            }
        } catch let error as PlatformError where error.kind == .notFound {
            sink.report(ExportProblem(.missing, sessionID: session.id, item: "events", request: request.description, message: error.description))
        }
        // Files: listed page by page, then each downloaded as raw bytes.
        var listed: [(RawRecord, RecordReader)] = []
        try await pages(["files"], query: [.init("session_id", session.id)], kind: "file", sessionID: session.id) { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: session.id)
                _ = try r.requiredString("id")
                listed.append((record, r))
            } catch {
                sink.report(error.problem(request: record.request))
                try await sink.accept(SessionItem(record: record))
            }
        }
        for (record, meta) in listed {
            let reference = try await download(meta: meta, session: session, sink: sink)
            try await sink.accept(SessionItem(record: record, artifacts: [reference]))
        }
    }

    /// Follows `next_cursor` until it is null, missing or empty; a cursor seen twice is an error.
    func pages(
        _ path: [String], query: [TransportRequest.QueryItem], kind: String, sessionID: String?,
        onRecord: (RawRecord) async throws -> Void
    ) async throws {
        var listing = PagedListing(source: source.name, what: path.joined(separator: "/"))
        var cursor: String?
        repeat {
            var q = query + [.init("limit", String(min(max(source.pageSize, 1), 100)))]
            if let cursor { q.append(.init("cursor", cursor)) }
            let request = client.request("GET", path, query: q)
            let envelope = try await client.streamRecords(request, recordArray: .member("data"), recordKind: kind, sessionID: sessionID, onRecord: onRecord)
            guard envelope.foundRecordArray else {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: sessionID, field: "data", message: "the page has no 'data' array")
            }
            let next = envelope.value["next_cursor"]
            if let next, !next.isNull, next.stringValue == nil {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: sessionID, field: "next_cursor", message: "should be a string or null, found \(next.typeName)")
            }
            if let text = next?.stringValue, !text.isEmpty {
                try listing.advance(to: text, request: request.description)
                cursor = text
            } else {
                cursor = nil
            }
        } while cursor != nil
    }

    /// GETs `/files/{id}/content` and streams the raw bytes to disk, checking `size_bytes`.
    func download(meta: RecordReader, session: Session, sink: any SessionSink) async throws -> ArtifactReference {
        let id = (try? meta.requiredString("id")) ?? ""
        let name = (try? meta.optionalString("filename")) ?? nil
        var mediaType = (try? meta.optionalString("mime_type")) ?? nil
        var expectedSize: Int64?
        do {
            expectedSize = try meta.optionalInt("size_bytes")
        } catch {
            sink.report(error.problem(request: nil))
        }
        var reference = ArtifactReference(artifactID: id, name: name, mediaType: mediaType, size: expectedSize, state: .missing)
        let request = client.request("GET", ["files", id, "content"])
        let response: TransportResponse
        do {
            response = try await client.send(request, sessionID: session.id)
        } catch let error as PlatformError where error.kind == .notFound {
            reference.problem = error.message
            sink.report(ExportProblem(.missing, sessionID: session.id, item: "file \(id)", request: request.description, message: error.description))
            return reference
        }
        if mediaType == nil, let type = response.header("content-type") {
            mediaType = type
            reference.mediaType = type
        }
        let writer = try ArtifactFileWriter(directory: sink.artifactsDirectory, artifactName: "file \(id)")
        writer.syncOnCommit = sink.syncsArtifactsOnCommit
        do {
            for try await chunk in response.body {
                try chunk.withUnsafeBytes { try writer.write($0) }
            }
            let ext = ArtifactFileExtension.choose(mediaType: mediaType, fileName: name)
            let stored = try writer.commit(expectedSize: expectedSize, expectedSHA256: nil, fileExtension: ext)
            reference.sha256 = stored.sha256
            reference.size = stored.size
            reference.storedPath = "artifacts/" + stored.fileName
            reference.state = .stored
        } catch let error as TransportError {
            writer.discard()
            throw PlatformError(.unreachable, source: source.name, request: request.description, sessionID: session.id, message: client.scrub(error.description))
        } catch {
            writer.discard()
            reference.state = .invalid
            reference.problem = "\(error)"
            sink.report(ExportProblem(.invalidArtifact, sessionID: session.id, item: "file \(id)", request: request.description, message: "session '\(session.id)': file '\(id)': \(error)"))
        }
        return reference
    }
}
