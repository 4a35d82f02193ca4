import ChronicleJSON
import Foundation

/// The Vectara Agents API v2 (`vectara.md`), mounted at `/v2`: `x-api-key` or Bearer,
/// `page_key` paging in `metadata` (limit default 20, max 100; no key on the last page),
/// artifacts listed without content and fetched singly with base64 `data` wrapped at 76.
public struct VectaraPlayer: PlatformPlayer {
    public var dataset: PlatformDataset
    public var mountPath: String { "/v2" }

    public init(dataset: PlatformDataset) {
        self.dataset = dataset
    }

    public func errorBody(status: Int, message: String) -> [UInt8] {
        // A 404 body may be empty.
        if status == 404 { return [] }
        return JSONBuilder.bytes(JSONBuilder.object(["messages": .array([.string(message)]), "request_id": .string("req_\(status)_test")]))
    }

    public func presentedCredential(_ request: PlayerRequest) -> String? {
        request.header("x-api-key") ?? Self.bearer(request)
    }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard presentedCredential(request) == dataset.token else { return error(401, "Unauthorized: invalid API key") }
        guard request.method == "GET" else { return error(405, "Method not allowed") }
        let c = request.components
        guard !c.isEmpty, c[0] == "agents" else { return error(404, "") }
        if c.count == 1 { return page(dataset.agents.map(\.record), member: "agents", request, options) }
        guard dataset.agents.contains(where: { $0.id == c[1] }), c.count >= 3, c[2] == "sessions" else { return error(404, "") }
        let mine = dataset.sessions(of: c[1])
        if c.count == 3 { return page(mine.map(\.listing), member: "sessions", request, options) }
        guard let s = mine.first(where: { $0.id == c[3] }) else { return error(404, "") }
        switch Array(c.dropFirst(4)) {
        case ["events"]:
            return page(s.records, member: "events", request, options)
        case ["artifacts"]:
            return page(s.artifacts.map { meta($0, data: false) }, member: "artifacts", request, options)
        case let rest where rest.count == 2 && rest[0] == "artifacts":
            guard let a = s.artifacts.first(where: { $0.id == rest[1] }) else { return error(404, "") }
            return .json(meta(a, data: true))
        default:
            return error(404, "")
        }
    }

    func meta(_ a: DatasetArtifact, data: Bool) -> JSONValue {
        var members: [JSONMember] = [
            .init("artifact_id", .string(a.id)), .init("filename", .string(a.filename)), .init("mime_type", .string(a.mediaType)),
            .init("size_bytes", JSONBuilder.int(a.bytes.count)), .init("checksum_sha256", .string(a.sha256)), .init("metadata", .object([])),
            .init("description", .null), .init("ttl_days", JSONBuilder.int(30)),
            .init("created_at", .string(ISOTime.millis(a.createdAtMs))), .init("updated_at", .string(ISOTime.millis(a.createdAtMs))),
        ]
        if data {
            members.append(.init("data", .string(Data(a.bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed]))))
        }
        return .object(members)
    }

    func page(_ items: [JSONValue], member: String, _ request: PlayerRequest, _ options: PlayOptions) -> PlayerResponse {
        guard let limit = Self.limit(request, default: 20, range: 1...100) else { return error(400, "limit must be between 1 and 100") }
        guard let offset = Paging.offset(request.query("page_key")) else { return error(400, "invalid page_key") }
        let (slice, next) = Paging.slice(items, offset: offset, limit: limit)
        var metadata: [JSONMember] = []
        if options.repeatCursor {
            metadata.append(.init("page_key", .string(Paging.loopCursor)))
        } else if let next {
            metadata.append(.init("page_key", .string(Paging.cursor(next))))
        }
        return .json(.object([.init(member, .array(slice)), .init("metadata", .object(metadata))]))
    }
}
