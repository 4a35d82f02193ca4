import ChronicleCore
import ChroniclePlatforms
import Foundation
import Testing

@testable import ChronicleTransport

@Suite struct HTTPTransportRetryTests {
    static let ok = LoopbackServer.Reply(text: "{\"ok\":true}")

    func seconds(_ a: ContinuousClock.Instant, _ b: ContinuousClock.Instant) -> Double {
        RetryPolicy.seconds(b - a)
    }

    @Test func retryAfterOneSecondIsHonoured() async throws {
        let server = try await LoopbackServer.start(replies: [
            .init(status: 429, headers: [("retry-after", "1")], text: "{\"error\":\"slow down\"}"), Self.ok,
        ])
        let status = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["agents"])).status
        }
        #expect(status == 200)
        let arrivals = server.arrivals
        #expect(arrivals.count == 2)
        if arrivals.count == 2 {
            #expect(seconds(arrivals[0].time, arrivals[1].time) >= 1.0)
        }
    }

    @Test func retryAfterAsHTTPDateIsHonoured() async throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let server = try await LoopbackServer.start { arrival in
            arrival.index == 0
                ? .init(status: 503, headers: [("retry-after", formatter.string(from: Date().addingTimeInterval(2)))], text: "{}")
                : Self.ok
        }
        let status = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["agents"])).status
        }
        #expect(status == 200)
        let arrivals = server.arrivals
        #expect(arrivals.count == 2)
        if arrivals.count == 2 {
            // The date has one-second resolution: now + 2 s, truncated, is at least 1 s away.
            #expect(seconds(arrivals[0].time, arrivals[1].time) >= 1.0)
        }
    }

    @Test func garbageNegativeAndAbsurdRetryAfterFallBackToCappedBackoff() async throws {
        let sleeps = SleepRecorder()
        let server = try await LoopbackServer.start(replies: [
            .init(status: 429, headers: [("retry-after", "soon")], text: "{}"),
            .init(status: 503, headers: [("retry-after", "-5")], text: "{}"),
            .init(status: 429, headers: [("retry-after", "99999")], text: "{}"),
            .init(status: 529, headers: [("retry-after", "Sun, 31 Dec 2free99 23:59:59 GMT")], text: "{}"),
            Self.ok,
        ])
        let status = try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(sleep: sleeps)) { t in
            try await t.send(TransportFixture.request(["agents"])).status
        }
        #expect(status == 200)
        #expect(server.requestCount == 5)
        let delays = sleeps.delays
        #expect(delays.count == 4)
        for (attempt, d) in delays.enumerated() {
            // Full jitter within min(cap 40 ms, 10 ms · 2^attempt).
            #expect(d >= .zero && d <= .milliseconds(min(40, 10 << attempt)), "delay \(attempt): \(d)")
        }
    }

    @Test func serverErrorThenSuccess() async throws {
        let server = try await LoopbackServer.start(replies: [.init(status: 500, text: "{\"error\":\"oops\"}"), Self.ok])
        let body = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["agents"])).body.collect(upTo: 1000)
        }
        #expect(String(decoding: body, as: UTF8.self) == "{\"ok\":true}")
        #expect(server.requestCount == 2)
    }

    @Test func serverErrorForeverFailsAfterExactlyMaxAttemptsAndScrubsTheEcho() async throws {
        let echo = "{\"error\":\"bad key \(TransportFixture.secretValue) / \(URLEncoding.encode(TransportFixture.secretValue))\"}"
        let server = try await LoopbackServer.start(replies: [.init(status: 500, text: echo)])
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(attempts: 5)) { t in
                _ = try await t.send(TransportFixture.request(["agents"]))
            }
        }
        #expect(server.requestCount == 5)
        #expect(error?.isTransient == true)
        #expect(error?.description.contains("500") == true)
        #expect(error?.description.contains(TransportFixture.secretValue) == false)
        #expect(error?.description.contains(URLEncoding.encode(TransportFixture.secretValue)) == false)
    }

    @Test func serverErrorForeverBecomesUnreachableThroughPlatformClient() async throws {
        let server = try await LoopbackServer.start(replies: [.init(status: 502, text: "{}")])
        let error = await #expect(throws: PlatformError.self) {
            try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(attempts: 3)) { t in
                let client = PlatformClient(
                    source: SourceDescriptor(name: "s", platform: .vectara, baseURL: server.baseURL, agents: [], pageSize: 10),
                    transport: t, credential: TransportFixture.credential, errorMessage: { _ in nil }
                )
                _ = try await client.send(client.request("GET", ["agents"]))
            }
        }
        #expect(error?.kind == .unreachable)
        #expect(server.requestCount == 3)
    }

    @Test func resetMidBodyIsRetried() async throws {
        let body = Array(String(repeating: "{\"x\":1}", count: 500).utf8)
        let server = try await LoopbackServer.start(replies: [
            .init(body: body, behaviour: .closeMidBody(after: 100)), .init(body: body),
        ])
        let received = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["events"])).body.collect(upTo: 1 << 20)
        }
        #expect(received == body)
        #expect(server.requestCount == 2)
    }

    @Test func headersThenSilenceTimesOutAndIsRetried() async throws {
        let server = try await LoopbackServer.start(replies: [
            .init(text: "{\"never\":\"sent\"}", behaviour: .headersThenSilence), Self.ok,
        ])
        let body = try await TransportFixture.withTransport(server, readTimeout: .milliseconds(300)) { t in
            try await t.send(TransportFixture.request(["events"])).body.collect(upTo: 1000)
        }
        #expect(String(decoding: body, as: UTF8.self) == "{\"ok\":true}")
        #expect(server.requestCount == 2)
    }

    @Test func silenceForeverFailsWithTimeout() async throws {
        let server = try await LoopbackServer.start(replies: [.init(text: "{}", behaviour: .headersThenSilence)])
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(attempts: 2), readTimeout: .milliseconds(300)) { t in
                _ = try await t.send(TransportFixture.request(["events"]))
            }
        }
        #expect(error?.kind == .timeout)
        #expect(server.requestCount == 2)
    }

    @Test(arguments: [401, 403])
    func credentialRefusalIsReturnedAfterOneRequest(_ status: Int) async throws {
        let echo = "{\"message\":\"key \(TransportFixture.secretValue) is not valid\"}"
        let server = try await LoopbackServer.start(replies: [.init(status: status, text: echo)])
        let error = await #expect(throws: PlatformError.self) {
            try await TransportFixture.withTransport(server) { t in
                let response = try await t.send(TransportFixture.request(["agents"]))
                #expect(response.status == status)
                let client = PlatformClient(
                    source: SourceDescriptor(name: "s", platform: .vectara, baseURL: server.baseURL, agents: [], pageSize: 10),
                    transport: t, credential: TransportFixture.credential,
                    errorMessage: { String(decoding: $0, as: UTF8.self) }
                )
                _ = try await client.send(client.request("GET", ["agents"]))
            }
        }
        // One request from the transport itself, one from the client: never a retry.
        #expect(server.requestCount == 2)
        #expect(error?.kind == .credentialsRefused(status: status))
        #expect(error?.description.contains(TransportFixture.secretValue) == false)
        #expect(error?.description.contains("<redacted>") == true)
    }

    @Test func notFoundIsNotRetried() async throws {
        let server = try await LoopbackServer.start(replies: [.init(status: 404, text: "{}"), Self.ok])
        let status = try await TransportFixture.withTransport(server) { t in
            try await t.send(TransportFixture.request(["agents", "gone"])).status
        }
        #expect(status == 404)
        #expect(server.requestCount == 1)
    }

    @Test func connectionRefusedIsUnreachable() async throws {
        // Start then stop a server: its port is now closed.
        let server = try await LoopbackServer.start(replies: [Self.ok])
        await server.stop()
        let error = await #expect(throws: TransportError.self) {
            try await TransportFixture.withTransport(server, retry: TransportFixture.fastRetry(attempts: 2)) { t in
                _ = try await t.send(TransportFixture.request(["agents"]))
            }
        }
        #expect(error?.isTransient == true)
        #expect(error?.description.contains("2 attempts") == true)
    }
}
