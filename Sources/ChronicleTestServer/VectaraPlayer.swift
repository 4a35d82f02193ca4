import ChronicleJSON
import Crypto
import Foundation

/// The Vectara Agents API v2 (`vectara.md`, shapes of the SDK `vectara` 0.4.3), mounted at `/v2`:
/// `x-api-key`, or a Bearer access token from the OAuth token endpoint it plays at the root
/// (`POST /oauth2/token` with a form, as the SDK's token provider calls it; also `/oauth/token` and
/// JSON bodies, as its unused raw auth client would; tokens expire
/// after ``PlatformDataset/accessTokenLifetimeSeconds`` and are revoked by raising
/// ``PlatformDataset/accessTokenEpoch``); `page_key` paging in `metadata` (limit default 20, max
/// 100; no key on the last page); hidden events listed only with `include_hidden=true`; artifacts
/// listed without content and fetched singly with base64 `data` wrapped at 76.
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

    /// The API key, or an access token this endpoint issued that has neither expired nor been revoked.
    func isAuthorized(_ request: PlayerRequest) -> Bool {
        if let key = request.header("x-api-key") { return key == dataset.token }
        guard let token = Self.bearer(request) else { return false }
        let parts = token.split(separator: "_").map(String.init)
        guard parts.count == 4, parts[0] == "vat", let epoch = Int(parts[1]), let expiry = Int64(parts[2]) else { return false }
        return epoch == dataset.accessTokenEpoch && parts[3] == signature(epoch: epoch, expiry: expiry)
            && expiry > Int64(Date().timeIntervalSince1970 * 1000)
    }

    func signature(epoch: Int, expiry: Int64) -> String {
        SHA256.hash(data: Array("\(dataset.token):\(epoch):\(expiry)".utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// `POST /oauth2/token` (the SDK's path) or `/oauth/token`, with `client_id`, `client_secret`
    /// and `grant_type=client_credentials` as JSON or as a form: an access token, or 401
    /// `{"error": "invalid_client"}`.
    public func respondOutsideMount(to request: PlayerRequest) -> PlayerResponse? {
        guard request.components == ["oauth", "token"] || request.components == ["oauth2", "token"] else { return nil }
        guard request.method == "POST" else { return error(405, "Method not allowed") }
        var fields: [String: String] = [:]
        if let value = try? JSONParser.parse(request.body), let members = value.objectMembers {
            for m in members { if let text = m.value.stringValue { fields[m.key] = text } }
        } else {
            let form = PlayerRequest(method: "POST", uri: "/?" + String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "+", with: "%20"), headers: [], body: [])
            for (name, value) in form.query { fields[name] = value }
        }
        func oauthError(_ status: Int, _ code: String) -> PlayerResponse {
            PlayerResponse(status: status, body: JSONBuilder.bytes(JSONBuilder.object(["error": .string(code)])))
        }
        guard fields["grant_type"] == "client_credentials" else { return oauthError(400, "unsupported_grant_type") }
        guard fields["client_id"] == dataset.vectaraClientID, fields["client_secret"] == dataset.vectaraClientSecret else {
            return oauthError(401, "invalid_client")
        }
        let lifetime = dataset.accessTokenLifetimeSeconds
        let expiry = Int64(Date().timeIntervalSince1970 * 1000) + Int64(lifetime) * 1000
        let epoch = dataset.accessTokenEpoch
        let token = "vat_\(epoch)_\(expiry)_" + signature(epoch: epoch, expiry: expiry)
        return .json(JSONBuilder.object(["access_token": .string(token), "token_type": .string("Bearer"), "expires_in": JSONBuilder.int(lifetime)]))
    }

    public func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse {
        guard isAuthorized(request) else { return error(401, "Unauthorized: invalid API key or access token") }
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
            // Hidden events (compacted, hidden by hand) only with include_hidden=true.
            let visible = request.query("include_hidden") == "true" ? s.records : s.records.filter { $0["hide_reason"] == nil }
            return page(visible, member: "events", request, options)
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
