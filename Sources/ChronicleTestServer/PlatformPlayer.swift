import ChronicleCore
import ChronicleJSON

/// Plays one platform from a ``PlatformDataset`` exactly per its contract in
/// `shared/platforms/`: auth, paging, shapes and error bodies.
public protocol PlatformPlayer: Sendable {
    var dataset: PlatformDataset { get set }
    /// The path the platform's API is mounted at (`/api/v1`, `/v1`, `/v2` or empty).
    var mountPath: String { get }
    /// Answers a request whose path lies below ``mountPath`` (`components` are relative to it).
    func respond(to request: PlayerRequest, options: PlayOptions) -> PlayerResponse
    /// The platform's error body for a status, with this message.
    func errorBody(status: Int, message: String) -> [UInt8]
    /// The credential the request presents, as the platform reads it.
    func presentedCredential(_ request: PlayerRequest) -> String?
    /// Answers a request outside ``mountPath`` (e.g. an OAuth token endpoint at the root); nil:
    /// 404. `components` are the whole path's.
    func respondOutsideMount(to request: PlayerRequest) -> PlayerResponse?
}

extension PlatformPlayer {
    public func respondOutsideMount(to request: PlayerRequest) -> PlayerResponse? { nil }

    /// An error response in the platform's shape.
    public func error(_ status: Int, _ message: String) -> PlayerResponse {
        PlayerResponse(status: status, body: errorBody(status: status, message: message))
    }

    /// `Authorization: Bearer <token>` → token.
    static func bearer(_ request: PlayerRequest) -> String? {
        guard let value = request.header("authorization"), value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst("bearer ".count))
    }

    /// The page size asked for, or nil when it is not an integer in `range`.
    static func limit(_ request: PlayerRequest, default value: Int, range: ClosedRange<Int>) -> Int? {
        guard let text = request.query("limit") else { return value }
        guard let n = Int(text), range.contains(n) else { return nil }
        return n
    }
}
