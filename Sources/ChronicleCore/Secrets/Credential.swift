/// How a source authenticates, with its secret.
public struct Credential: Sendable, Hashable, CustomStringConvertible {
    public enum Style: String, Sendable, Hashable {
        /// `Authorization: Bearer <secret>`
        case bearer
        /// `x-api-key: <secret>`
        case apiKey = "x-api-key"
        /// `x-user-id: <secret>` (agentscope's header identity)
        case userID = "x-user-id"
    }

    public var style: Style
    public var secret: Secret

    public init(style: Style, secret: Secret) {
        self.style = style
        self.secret = secret
    }

    /// The header this credential sends.
    public var headerName: String {
        switch style {
        case .bearer: return "authorization"
        case .apiKey: return "x-api-key"
        case .userID: return "x-user-id"
        }
    }

    /// The header value; only transports call this, at the moment of sending.
    public func headerValue() -> String {
        secret.withValue { style == .bearer ? "Bearer \($0)" : $0 }
    }

    public var description: String { "\(style.rawValue) credential <redacted>" }
}
