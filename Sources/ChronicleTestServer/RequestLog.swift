import NIOConcurrencyHelpers

/// Every request a ``TestServer`` received, in arrival order.
public final class RequestLog: Sendable {
    private let entries = NIOLockedValueBox<[LoggedRequest]>([])

    public init() {}

    public var requests: [LoggedRequest] { entries.withLockedValue { $0 } }
    public var count: Int { entries.withLockedValue { $0.count } }

    /// Requests whose path ends with `suffix`.
    public func requests(pathSuffix suffix: String) -> [LoggedRequest] {
        requests.filter { $0.path.hasSuffix(suffix) }
    }

    func append(_ make: (Int) -> LoggedRequest) {
        entries.withLockedValue { $0.append(make($0.count)) }
    }

    public func clear() {
        entries.withLockedValue { $0.removeAll() }
    }
}
