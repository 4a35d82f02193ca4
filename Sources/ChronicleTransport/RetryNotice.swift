/// One retry about to happen: what failed, why, and when the next attempt goes out. The command
/// line prints one line per notice on standard error, so a cron log shows a flaky or unreachable
/// host while the run waits, not only at its end.
public struct RetryNotice: Sendable, CustomStringConvertible {
    /// `GET /path?query` of the request that failed.
    public var request: String
    /// Why the attempt failed (a transport failure, or the platform's HTTP status).
    public var reason: String
    /// The attempt that failed, 1-based.
    public var attempt: Int
    /// The most attempts the request gets.
    public var maxAttempts: Int
    /// The wait before the next attempt.
    public var delay: Duration

    public init(request: String, reason: String, attempt: Int, maxAttempts: Int, delay: Duration) {
        self.request = request
        self.reason = reason
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.delay = delay
    }

    /// `GET /agents failed (attempt 1 of 5): connection refused; next attempt in 0.4 s`.
    public var description: String {
        "\(request) failed (attempt \(attempt) of \(maxAttempts)): \(reason); next attempt in \(Self.seconds(delay)) s"
    }

    /// A delay in seconds with one decimal (`0.4`, `12.0`).
    public static func seconds(_ d: Duration) -> String {
        let tenths = (RetryPolicy.seconds(d) * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }
}
