import ChronicleCore
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct RetryPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    func policy(seed: UInt64 = 42, random: (@Sendable () -> Double)? = nil) -> RetryPolicy {
        let rng = SeededRandom(seed: seed)
        return RetryPolicy(
            maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(30), maxRetryAfter: .seconds(300),
            now: { Self.now }, sleep: { _ in }, random: random ?? { rng.next() }
        )
    }

    @Test func retryAfterDeltaSeconds() {
        let p = policy()
        #expect(p.retryAfterDelay("1") == .seconds(1))
        #expect(p.retryAfterDelay(" 120 ") == .seconds(120))
        #expect(p.retryAfterDelay("0") == .seconds(0))
        #expect(p.retryAfterDelay("300") == .seconds(300))
    }

    @Test(arguments: ["-1", "-0", "abc", "1.5", "", "  ", "301", "99999999999999999999", "1e3", "+5", "5s"])
    func retryAfterRejected(_ value: String) {
        #expect(policy().retryAfterDelay(value) == nil)
    }

    @Test func retryAfterHTTPDates() {
        let p = policy()
        // IMF-fixdate, RFC 850 and asctime forms of now + 10 s.
        #expect(p.retryAfterDelay("Tue, 14 Nov 2023 22:13:30 GMT") == .seconds(10))
        #expect(p.retryAfterDelay("Tuesday, 14-Nov-23 22:13:30 GMT") == .seconds(10))
        #expect(p.retryAfterDelay("Tue Nov 14 22:13:30 2023") == .seconds(10))
        // In the past: retry now.
        #expect(p.retryAfterDelay("Tue, 14 Nov 2023 22:00:00 GMT") == .zero)
        // Absurdly far: falls back (nil here, backoff in delay(forStatus:)).
        #expect(p.retryAfterDelay("Wed, 15 Nov 2023 22:13:20 GMT") == nil)
        #expect(p.retryAfterDelay("Tue, 14 Nov 2023 25:13:20 GMT") == nil)
    }

    @Test func statusesThatAreFinal() {
        let p = policy()
        for status in [200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 410, 422] {
            #expect(p.delay(forStatus: status, retryAfter: "1", attempt: 0) == nil, "status \(status)")
        }
    }

    @Test func retryAfterHonouredOnlyFor429And503And529() {
        let p = policy(random: { 0.5 })
        #expect(p.delay(forStatus: 429, retryAfter: "7", attempt: 0) == .seconds(7))
        #expect(p.delay(forStatus: 503, retryAfter: "7", attempt: 3) == .seconds(7))
        #expect(p.delay(forStatus: 529, retryAfter: "7", attempt: 0) == .seconds(7))
        // Other 5xx: backoff, Retry-After ignored.
        #expect(p.delay(forStatus: 500, retryAfter: "7", attempt: 0) == .milliseconds(500))
        #expect(p.delay(forStatus: 502, retryAfter: nil, attempt: 1) == .seconds(1))
        // Missing, garbage, negative and absurd values fall back to the capped backoff.
        #expect(p.delay(forStatus: 429, retryAfter: nil, attempt: 2) == .seconds(2))
        #expect(p.delay(forStatus: 429, retryAfter: "soon", attempt: 2) == .seconds(2))
        #expect(p.delay(forStatus: 503, retryAfter: "-3", attempt: 2) == .seconds(2))
        #expect(p.delay(forStatus: 503, retryAfter: "86400", attempt: 10) == .seconds(15))
    }

    @Test func fullJitterStaysInItsBoundsAndSpreads() {
        let p = policy(seed: 2026)
        for attempt in 0..<10 {
            let bound = min(30.0, pow(2.0, Double(attempt)))
            var samples: [Double] = []
            for _ in 0..<500 {
                let d = p.backoffDelay(attempt: attempt)
                samples.append(RetryPolicy.seconds(d))
            }
            #expect(samples.allSatisfy { $0 >= 0 && $0 <= bound }, "attempt \(attempt)")
            // Full jitter: spread over the whole range, not clustered at the bound.
            #expect(samples.min() ?? 1 < bound * 0.05)
            #expect(samples.max() ?? 0 > bound * 0.95)
        }
    }

    @Test func seededRandomIsReproducible() {
        let a = (0..<5).map { policy(seed: 9).backoffDelay(attempt: $0) }
        let b = (0..<5).map { policy(seed: 9).backoffDelay(attempt: $0) }
        #expect(a == b)
    }

    @Test func backoffIsCappedForLargeAttempts() {
        let p = policy(random: { 0.999_999 })
        #expect(RetryPolicy.seconds(p.backoffDelay(attempt: 1000)) <= 30)
        #expect(RetryPolicy.seconds(p.backoffDelay(attempt: 1000)) > 29.9)
    }

    @Test func transportFailures() {
        let p = policy(random: { 0.5 })
        for kind in [TransportError.Kind.connectionReset, .timeout, .truncatedBody, .unreachable] {
            #expect(p.delay(for: TransportError(kind, request: nil, detail: ""), attempt: 0) == .milliseconds(500))
        }
        for kind in [TransportError.Kind.redirectRefused, .invalidURL, .io, .bodyTooLarge, .notRecorded] {
            #expect(p.delay(for: TransportError(kind, request: nil, detail: ""), attempt: 0) == nil)
        }
    }
}
