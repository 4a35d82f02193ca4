/// A failure of the medium that carries requests: network, replay files. The transport layer's
/// one error type.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unreachable
        case timeout
        case connectionReset
        case truncatedBody
        case redirectRefused
        case notRecorded
        case io
        case bodyTooLarge
        case invalidURL
    }

    public var kind: Kind
    /// `GET /path?query` of the failed request, when known.
    public var request: String?
    public var detail: String

    public init(_ kind: Kind, request: String?, detail: String) {
        self.kind = kind
        self.request = request
        self.detail = detail
    }

    /// Worth another try: the same request may succeed later.
    public var isTransient: Bool {
        switch kind {
        case .unreachable, .timeout, .connectionReset, .truncatedBody: return true
        case .redirectRefused, .notRecorded, .io, .bodyTooLarge, .invalidURL: return false
        }
    }

    public var description: String {
        let what = request.map { " (\($0))" } ?? ""
        return "\(kind.rawValue)\(what): \(detail)"
    }
}
