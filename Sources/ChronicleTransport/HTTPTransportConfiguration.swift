import Foundation

/// How an ``HTTPTransport`` talks to one source.
public struct HTTPTransportConfiguration: Sendable {
    /// Time allowed to open a connection (TCP and TLS).
    public var connectTimeout: Duration
    /// Longest silence while waiting for the response head or the next bytes of the body.
    public var readTimeout: Duration
    /// Upper bound on one whole exchange (head and body), a guard against a trickling server.
    public var requestTimeout: Duration
    /// Requests in flight at once for this source.
    public var maxConcurrentRequests: Int
    /// Redirects followed per request (same origin, or an http→https upgrade on the same host).
    public var maxRedirects: Int
    /// Bodies up to this size stay in memory; larger ones are spooled to a temporary file.
    public var memoryThreshold: Int
    /// Where spooled bodies go.
    public var temporaryDirectory: String
    /// Largest decoded size of one response body (after gzip, if it was encoded): past it the
    /// body is refused and not retried. An endless chunked answer spooled 3 GB in a minute, and a
    /// 5 MB gzip bomb inflated to 4.25 GB five times over (each retry). A response is a page
    /// of a listing or one artifact (base64 in JSON for vectara): 1 GiB by default.
    public var maxResponseBytes: Int
    /// The same limit, under its earlier name.
    public var maxDecompressedBytes: Int {
        get { maxResponseBytes }
        set { maxResponseBytes = newValue }
    }
    /// The default of ``maxResponseBytes``.
    public static let defaultMaxResponseBytes = 1 << 30
    /// Retries of transient failures.
    public var retry: RetryPolicy
    /// The `user-agent` header.
    public var userAgent: String
    /// Told of each retry before its wait (the command line prints it on standard error); nil
    /// keeps retries silent.
    public var onRetry: (@Sendable (RetryNotice) -> Void)?

    public init(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
        requestTimeout: Duration = .seconds(1800), maxConcurrentRequests: Int = 4, maxRedirects: Int = 5,
        memoryThreshold: Int = 1 << 20, temporaryDirectory: String? = nil, maxResponseBytes: Int = HTTPTransportConfiguration.defaultMaxResponseBytes,
        retry: RetryPolicy = RetryPolicy(), userAgent: String = "Chronicle"
    ) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.requestTimeout = requestTimeout
        self.maxConcurrentRequests = Swift.max(1, maxConcurrentRequests)
        self.maxRedirects = Swift.max(0, maxRedirects)
        self.memoryThreshold = Swift.max(0, memoryThreshold)
        self.temporaryDirectory = temporaryDirectory ?? Self.defaultTemporaryDirectory()
        self.maxResponseBytes = Swift.max(1, maxResponseBytes)
        self.retry = retry
        self.userAgent = userAgent
    }

    /// `$TMPDIR`, else the system's temporary folder.
    public static func defaultTemporaryDirectory() -> String {
        if let dir = ProcessInfo.processInfo.environment["TMPDIR"], !dir.isEmpty { return dir }
        return FileManager.default.temporaryDirectory.path
    }
}
