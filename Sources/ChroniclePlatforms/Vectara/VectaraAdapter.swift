import ChronicleArtifacts
import ChronicleCore
import ChronicleJSON
import Foundation

/// The Vectara Agents API v2 (`shared/platforms/vectara.md`, shapes from the SDK `vectara` 0.4.3):
/// agents, sessions, events (hidden ones included) and artifacts paged with `page_key`; each
/// artifact fetched singly with base64 `data`, decoded as it streams in, checked against
/// `size_bytes` (and `checksum_sha256` when a listing declares one), and stored
/// content-addressed. Artifacts an earlier run already holds are copied from its bag, never
/// downloaded again. Authenticates with `x-api-key`, or with OAuth client credentials (Bearer
/// tokens from ``VectaraTokenProvider``).
public struct VectaraAdapter: PlatformAdapter {
    public let source: SourceDescriptor
    let client: PlatformClient
    /// "Now", for artifact expiry warnings.
    let now: Date
    /// Set when the source authenticates with OAuth client credentials.
    let tokens: VectaraTokenProvider?

    public init(source: SourceDescriptor, transport: any Transport, credential: Credential?, oauth: OAuthClientCredentials? = nil, now: Date = Date()) {
        self.source = source
        self.client = PlatformClient(source: source, transport: transport, credential: oauth == nil ? credential : nil, errorMessage: VectaraAdapter.errorMessage)
        self.now = now
        self.tokens = oauth.map { VectaraTokenProvider(credentials: $0, sourceName: source.name) }
    }

    /// Sends `body`'s request with the source's credential: with OAuth, the current access token,
    /// renewed once and the request sent again when the API answers 401 (nothing of the response
    /// has been read then).
    func authorized<T>(_ body: (PlatformClient) async throws -> T) async throws -> T {
        guard let tokens else { return try await body(client) }
        let (credential, generation) = try await tokens.credential()
        do {
            return try await body(client.with(credential))
        } catch let error as PlatformError where error.kind == .credentialsRefused(status: 401) {
            let (renewed, _) = try await tokens.renew(after: generation)
            return try await body(client.with(renewed))
        }
    }

    /// `{"messages": ["…"], "request_id": "…"}`; a 404 body may be empty or untyped.
    static func errorMessage(_ body: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(body) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        if let messages = value["messages"]?.arrayValue {
            let texts = messages.compactMap(\.stringValue)
            if !texts.isEmpty { return texts.joined(separator: "; ") }
        }
        return value["message"]?.stringValue ?? value["error"]?.stringValue
    }

    public func agents() async throws -> [Agent] {
        if !source.agents.isEmpty {
            return source.agents.map { Agent(id: $0) }
        }
        var agents: [Agent] = []
        var problems: [ExportProblem] = []
        try await pages(["agents"], member: "agents", kind: "agent", sessionID: nil) { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                agents.append(Agent(id: try r.requiredString("key"), name: try r.optionalString("name"), raw: record))
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
        try await pages(["agents", agent.id, "sessions"], member: "sessions", kind: "session", sessionID: nil) { record in
            var session: Session
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: nil)
                let key = try r.requiredString("key")
                session = Session(
                    id: key, agentID: try r.optionalString("agent_key") ?? agent.id, agentName: agent.name,
                    title: try r.optionalString("name"), status: (try r.optionalBool("enabled")) == false ? "disabled" : nil,
                    // AgentSession has no updated_at: change is decided from this record and the
                    // event pages (IncrementalPolicy.fetchAndCompare).
                    createdAt: try r.optionalTimestamp("created_at"), raw: [record]
                )
                session.contextUsage = try Self.contextUsage(r)
            } catch {
                problem(error.problem(request: record.request))
                return
            }
            try await body(session)
        }
    }

    /// `session_context_usage` (`vectara/types/session_context_usage.py`): `input_tokens.count`,
    /// `output_tokens.count`, `output_tokens.reasoning_tokens`, `total_tokens`,
    /// `model_context_window`; absent or empty: nil (unknown).
    static func contextUsage(_ r: RecordReader) throws(RecordError) -> ContextWindowUsage? {
        guard let value = r.value["session_context_usage"], !value.isNull else { return nil }
        guard value.objectMembers != nil else { throw r.error("session_context_usage", "should be an object, found \(value.typeName)") }
        let u = RecordReader(value, kind: r.kind, sessionID: r.sessionID)
        func count(_ path: String, _ reader: RecordReader, _ key: String) throws(RecordError) -> Int64? {
            do { return try reader.optionalInt(key) } catch { throw r.error("session_context_usage.\(path)", error.message) }
        }
        func nested(_ key: String) throws(RecordError) -> RecordReader? {
            guard let v = value[key], !v.isNull else { return nil }
            guard v.objectMembers != nil else { throw r.error("session_context_usage.\(key)", "should be an object, found \(v.typeName)") }
            return RecordReader(v, kind: r.kind, sessionID: r.sessionID)
        }
        let input = try nested("input_tokens")
        let output = try nested("output_tokens")
        let usage = ContextWindowUsage(
            inputTokens: try input.flatMap { i throws(RecordError) in try count("input_tokens.count", i, "count") },
            outputTokens: try output.flatMap { o throws(RecordError) in try count("output_tokens.count", o, "count") },
            reasoningTokens: try output.flatMap { o throws(RecordError) in try count("output_tokens.reasoning_tokens", o, "reasoning_tokens") },
            totalTokens: try count("total_tokens", u, "total_tokens"),
            modelContextWindow: try count("model_context_window", u, "model_context_window")
        )
        return usage.isUnknown ? nil : usage
    }

    public func exportSession(_ session: Session, into sink: any SessionSink) async throws {
        let base = ["agents", session.agentID, "sessions", session.id]
        // Events, in order, page by page; hidden ones (compacted, hidden by hand) only come with
        // include_hidden=true.
        try await pages(base + ["events"], query: [.init("include_hidden", "true")], member: "events", kind: "event", sessionID: session.id) { record in
            try await sink.accept(VectaraEventMapper.item(for: record, sessionID: session.id, report: sink.report))
        }
        // Artifacts: listed without content (tools create some that no event names).
        var listed: [ListedArtifact] = []
        try await pages(base + ["artifacts"], member: "artifacts", kind: "artifact_meta", sessionID: session.id) { record in
            do throws(RecordError) {
                let r = try RecordReader(raw: record, sessionID: session.id)
                listed.append(ListedArtifact(record: record, id: try r.requiredString("artifact_id"), meta: r))
            } catch {
                sink.report(error.problem(request: record.request))
                listed.append(ListedArtifact(record: record, id: nil, meta: nil))
            }
        }
        // Everything that tells a change is in: an unchanged session costs no artifact bytes.
        if sink.contentUnchanged(upcoming: listed.map(\.record)) {
            for entry in listed { try await sink.accept(SessionItem(record: entry.record)) }
            return
        }
        for entry in listed {
            guard let id = entry.id, let meta = entry.meta else {
                try await sink.accept(SessionItem(record: entry.record))
                continue
            }
            let identity = Self.identity(id: id, meta: meta)
            if let identity, var held = sink.reuseHeldArtifact(identity) {
                held.name = try? meta.optionalString("filename") ?? nil
                held.mediaType = try? meta.optionalString("mime_type") ?? nil
                try await sink.accept(SessionItem(record: entry.record, artifacts: [held]))
                continue
            }
            try await sink.accept(SessionItem(record: entry.record))
            let item = try await fetchArtifact(id: id, meta: meta, identity: identity, path: base + ["artifacts", id], session: session, sink: sink)
            try await sink.accept(item)
        }
    }

    /// One artifact listing record.
    struct ListedArtifact {
        var record: RawRecord
        /// Nil when the record could not be read.
        var id: String?
        var meta: RecordReader?
    }

    /// What identifies an artifact's bytes in its listing record: `checksum_sha256` (required by
    /// the SDK's SessionArtifact) and, for a listing without a valid one, `updated_at` and
    /// `size_bytes`. Nil without either: such an artifact is always downloaded.
    static func identity(id: String, meta: RecordReader) -> ArtifactIdentity? {
        var declared = (try? meta.optionalString("checksum_sha256")) ?? nil
        if let d = declared, d.utf8.count != 64 || !d.allSatisfy(\.isHexDigit) { declared = nil }
        let updated = (try? meta.optionalString("updated_at")) ?? nil
        guard declared != nil || updated != nil else { return nil }
        let size = ((try? meta.optionalInt("size_bytes")) ?? nil).map(String.init) ?? "unknown"
        return ArtifactIdentity(artifactID: id, version: "updated_at=\(updated ?? "none");size_bytes=\(size)", declaredSHA256: declared?.lowercased())
    }

    /// Pages through a listing, following `metadata.page_key` until it is missing, null or empty.
    func pages(
        _ path: [String], query extra: [TransportRequest.QueryItem] = [], member: String, kind: String, sessionID: String?,
        onRecord: (RawRecord) async throws -> Void
    ) async throws {
        var listing = PagedListing(source: source.name, what: path.joined(separator: "/"))
        var pageKey: String?
        repeat {
            var query = [TransportRequest.QueryItem("limit", String(source.pageSize))]
            if let pageKey { query.append(.init("page_key", pageKey)) }
            query += extra
            let request = client.request("GET", path, query: query)
            let envelope = try await authorized { client in
                try await client.streamRecords(client.authorize(request), recordArray: .member(member), recordKind: kind, sessionID: sessionID, onRecord: onRecord)
            }
            guard envelope.foundRecordArray else {
                throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: sessionID, field: member, message: "the page has no '\(member)' array")
            }
            let next = envelope.value["metadata"]?["page_key"]?.stringValue
            if let next, !next.isEmpty {
                try listing.advance(to: next, request: request.description)
                pageKey = next
            } else {
                pageKey = nil
            }
        } while pageKey != nil
    }

    /// GETs one artifact and streams its base64 `data` through the strict decoder to disk.
    func fetchArtifact(id: String, meta: RecordReader, identity: ArtifactIdentity?, path: [String], session: Session, sink: any SessionSink) async throws -> SessionItem {
        let request = client.request("GET", path)
        let name = try? meta.optionalString("filename")
        let mediaType = try? meta.optionalString("mime_type")
        var reference = ArtifactReference(artifactID: id, name: name ?? nil, mediaType: mediaType ?? nil, size: (try? meta.optionalInt("size_bytes")) ?? nil, state: .missing)
        warnIfExpiring(meta: meta, artifactID: id, session: session, sink: sink)
        let response: TransportResponse
        do {
            response = try await authorized { client in try await client.send(client.authorize(request), sessionID: session.id) }
        } catch let error as PlatformError where error.kind == .notFound {
            reference.problem = error.message
            sink.report(ExportProblem(.missing, sessionID: session.id, item: "artifact \(id)", request: request.description, message: error.description))
            return SessionItem(record: RawRecord(kind: "artifact", request: request.description, bytes: Array("null".utf8)), artifacts: [reference])
        }
        let writer = try ArtifactFileWriter(directory: sink.artifactsDirectory)
        writer.syncOnCommit = sink.syncsArtifactsOnCommit
        var extractor = JSONLargeStringExtractor(memberKey: "data")
        var envelope: JSONExtractedEnvelope
        do {
            for try await chunk in response.body {
                try chunk.withUnsafeBytes { buffer in
                    try extractor.feed(buffer) { piece in try writer.writeBase64(piece) }
                }
            }
            envelope = try extractor.finish()
            if envelope.memberFound { try writer.finishBase64() }
        } catch {
            writer.discard()
            let message: String
            switch error {
            case let e as TransportError:
                throw PlatformError(.unreachable, source: source.name, request: request.description, sessionID: session.id, message: client.scrub(e.description))
            case let e as ArtifactError: message = "the artifact's data is not valid base64: \(e)"
            case let e as Base64DecodingError: message = "the artifact's data is not valid base64: \(e)"
            default: message = "the artifact response is not valid JSON: \(error)"
            }
            reference.state = .invalid
            reference.problem = message
            sink.report(ExportProblem(.invalidArtifact, sessionID: session.id, item: "artifact \(id)", request: request.description, message: message))
            return SessionItem(record: RawRecord(kind: "artifact", request: request.description, bytes: Array("null".utf8)), artifacts: [reference])
        }
        let full = RecordReader(envelope.value, kind: "artifact", sessionID: session.id)
        reference.name = (try? full.optionalString("filename")) ?? reference.name
        reference.mediaType = (try? full.optionalString("mime_type")) ?? reference.mediaType
        var record = RawRecord(kind: "artifact", request: request.description, bytes: envelope.raw)
        // A size or checksum the artifact declares but that cannot be checked (2^63 + 15, a
        // number where a string belongs) is no pass: read as absent, it let any bytes through.
        let expectedSize: Int64?
        let expectedSHA: String?
        do throws(RecordError) {
            let fullSize = try Self.declaredSize(full)
            let listedSize = try Self.declaredSize(meta)
            expectedSize = fullSize ?? listedSize
            let fullSHA = try full.optionalString("checksum_sha256")
            let listedSHA = try meta.optionalString("checksum_sha256")
            expectedSHA = fullSHA ?? listedSHA
        } catch {
            writer.discard()
            reference.state = .invalid
            reference.problem = error.description
            record.elidedMember = envelope.memberFound ? .init(key: "data", storedAs: nil, encodedLength: envelope.stringByteCount) : nil
            sink.report(ExportProblem(.invalidArtifact, sessionID: session.id, item: "artifact \(id)", request: request.description, message: "artifact '\(id)' cannot be checked: \(error.description)"))
            return SessionItem(record: record, artifacts: [reference])
        }
        guard envelope.memberFound else {
            writer.discard()
            reference.state = .invalid
            reference.problem = "the artifact response has no base64 'data'"
            sink.report(ExportProblem(.invalidArtifact, sessionID: session.id, item: "artifact \(id)", request: request.description, message: "field 'data' is missing or null: the artifact's bytes were not sent"))
            return SessionItem(record: record, artifacts: [reference])
        }
        let ext = ArtifactFileExtension.choose(mediaType: reference.mediaType, fileName: reference.name)
        do {
            let stored = try writer.commit(expectedSize: expectedSize, expectedSHA256: expectedSHA, fileExtension: ext)
            reference.sha256 = stored.sha256
            reference.size = stored.size
            reference.storedPath = "artifacts/" + stored.fileName
            reference.state = .stored
            reference.identity = identity
            record.elidedMember = .init(key: "data", storedAs: reference.storedPath, encodedLength: envelope.stringByteCount)
        } catch {
            reference.state = .invalid
            reference.problem = "\(error)"
            record.elidedMember = .init(key: "data", storedAs: nil, encodedLength: envelope.stringByteCount)
            sink.report(ExportProblem(.invalidArtifact, sessionID: session.id, item: "artifact \(id)", request: request.description, message: "artifact '\(id)': \(error)"))
        }
        return SessionItem(record: record, artifacts: [reference])
    }

    /// `size_bytes` as a byte count: nil when absent or null; an error when it is not a whole
    /// number from 0 to 2^63 − 1.
    static func declaredSize(_ r: RecordReader) throws(RecordError) -> Int64? {
        guard let value = r.value["size_bytes"], !value.isNull else { return nil }
        guard let n = value.int64Value, n >= 0 else {
            throw r.error("size_bytes", "should be a byte count from 0 to \(Int64.max), found \(RecordReader.preview(value))")
        }
        return n
    }

    /// Artifacts carry `ttl_days`: warn about those that expire within a day.
    func warnIfExpiring(meta: RecordReader, artifactID: String, session: Session, sink: any SessionSink) {
        guard let ttl = (try? meta.optionalInt("ttl_days")) ?? nil,
            let created = ((try? meta.optionalTimestamp("created_at")) ?? nil)?.epochMilliseconds
        else { return }
        let expires = created + ttl * 86_400_000
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        if expires - nowMs < 86_400_000 {
            let when = Timestamp.formatUTC(expires)
            sink.report(ExportProblem(.warning, sessionID: session.id, item: "artifact \(artifactID)", message: "artifact '\(artifactID)' expires on the platform at \(when) (ttl_days \(ttl)); this export holds its only copy after that"))
        }
    }
}
