import ChronicleTestSupport
import Foundation

/// The paths of the requests a run sent (see ``CountingTransport``).
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []

    func append(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    var requests: [String] {
        lock.lock()
        defer { lock.unlock() }
        return paths
    }

    func reset() {
        lock.lock()
        paths = []
        lock.unlock()
    }

    /// Requests for a session's events or artifacts (not the listings).
    var sessionContentRequests: [String] {
        requests.filter { $0.hasSuffix("/events") || $0.contains("/artifacts") }
    }
}
