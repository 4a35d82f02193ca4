import ChronicleJSON

/// What the server sends for one request.
public struct PlayerResponse: Sendable {
    /// How the response goes out on the wire.
    public enum Delivery: Sendable, Hashable {
        /// Head, whole body, end.
        case normal
        /// Head announcing the whole body, `after` bytes of it, then the connection is reset.
        case resetMidBody(after: Int)
        /// Head (announcing the body), then nothing at all.
        case headersThenSilence
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var delivery: Delivery

    public init(status: Int = 200, headers: [(name: String, value: String)] = [("content-type", "application/json")], body: [UInt8] = [], delivery: Delivery = .normal) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delivery = delivery
    }

    /// A JSON response.
    public static func json(_ value: JSONValue, status: Int = 200) -> PlayerResponse {
        PlayerResponse(status: status, body: JSONWriter.serialize(value))
    }
}
