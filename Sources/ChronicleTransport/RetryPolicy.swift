import ChronicleCore
import Foundation

/// When and how long to wait before trying a request again.
///
/// - `429`, `503` and `529` honour `Retry-After` (delta-seconds or an HTTP-date, RFC 9110 §10.2.3);
///   a negative, unparsable or absurd value (over ``maxRetryAfter``) falls back to the backoff.
/// - Other `5xx`, connection resets, truncated bodies, timeouts and unreachable hosts wait for an
///   exponential backoff with full jitter: a uniform random delay in `[0, min(cap, base·2^attempt)]`.
/// - Every other status (`401`, `403`, `404`, other `4xx`, `2xx`, `3xx`) is final: never retried.
///
/// The clock, the sleep and the random source are injected, so the policy is testable without
/// waiting.
public struct RetryPolicy: Sendable {
    /// The most attempts of one request, the first included.
    public var maxAttempts: Int
    /// The backoff's base (the bound of the first retry's delay).
    public var baseDelay: Duration
    /// The backoff's cap.
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; longer values fall back to the backoff.
    public var maxRetryAfter: Duration
    /// The current time (for `Retry-After` dates).
    public var now: @Sendable () -> Date
    /// Waits; throws when cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform random number in `[0, 1)`.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = Swift.max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// Statuses whose `Retry-After` is honoured.
    public static let retryAfterStatuses: Set<Int> = [429, 503, 529]

    /// True when a response with this status is worth another try.
    public static func isRetryable(status: Int) -> Bool {
        retryAfterStatuses.contains(status) || (500...599).contains(status)
    }

    /// The delay before the retry that follows attempt number `attempt` (0 for the first try)
    /// when it ended with `status`, or nil when the status is final. Does not look at the budget.
    public func delay(forStatus status: Int, retryAfter: String?, attempt: Int) -> Duration? {
        guard Self.isRetryable(status: status) else { return nil }
        if Self.retryAfterStatuses.contains(status), let retryAfter, let d = retryAfterDelay(retryAfter) {
            return d
        }
        return backoffDelay(attempt: attempt)
    }

    /// The delay before the retry that follows a failed attempt, or nil when the failure is final.
    public func delay(for error: TransportError, attempt: Int) -> Duration? {
        error.isTransient ? backoffDelay(attempt: attempt) : nil
    }

    /// Full jitter: uniform in `[0, min(maxDelay, baseDelay·2^attempt)]`.
    public func backoffDelay(attempt: Int) -> Duration {
        let base = Self.seconds(baseDelay)
        let cap = Self.seconds(maxDelay)
        let exponent = Double(Swift.min(Swift.max(0, attempt), 62))
        let bound = Swift.min(cap, base * pow(2, exponent))
        let r = Swift.min(Swift.max(random(), 0), 1)
        return .milliseconds(Int64((bound * r * 1000).rounded(.down)))
    }

    /// The delay a `Retry-After` value asks for, or nil when it is negative, unparsable or over
    /// ``maxRetryAfter``. A date in the past means "now" (zero).
    public func retryAfterDelay(_ value: String) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let limit = Self.seconds(maxRetryAfter)
        if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard text.utf8.count <= 12, let seconds = Double(text), seconds <= limit else { return nil }
            return .seconds(seconds)
        }
        guard let date = Self.parseHTTPDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now())
        guard seconds <= limit else { return nil }
        return .milliseconds(Int64((Swift.max(0, seconds) * 1000).rounded(.up)))
    }

    /// Parses an HTTP-date: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), or the obsolete RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms.
    public static func parseHTTPDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            formatter.isLenient = false
            let normalised = format.hasPrefix("EEE MMM") ? text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") : text
            if let date = formatter.date(from: normalised) { return date }
        }
        return nil
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
