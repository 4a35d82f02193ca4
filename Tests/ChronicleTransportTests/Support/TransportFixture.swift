import ChronicleCore
import ChronicleTransport
import Foundation

/// Shared test values and helpers.
enum TransportFixture {
    static let secretValue = "sk-live-SECRET+token/42"
    static let credential = Credential(style: .apiKey, secret: Secret(secretValue))

    /// A fresh empty folder.
    static func temporaryDirectory(_ name: String = "t") throws -> String {
        let dir = FileManager.default.temporaryDirectory.path + "/chronicle-http-tests-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Fast retries for tests.
    static func fastRetry(attempts: Int = 5, sleep: SleepRecorder? = nil, random: SeededRandom = SeededRandom(seed: 7)) -> RetryPolicy {
        if let sleep {
            return RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40),
                               sleep: { try await sleep.sleep($0) }, random: { random.next() })
        }
        return RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40), random: { random.next() })
    }

    /// Runs `body` with a transport for `server`, always shutting both down.
    static func withTransport<R>(
        _ server: LoopbackServer, prefix: String = "/v2", retry: RetryPolicy = fastRetry(),
        readTimeout: Duration = .seconds(5), temporaryDirectory: String? = nil, maxConcurrentRequests: Int = 4,
        extraServers: [LoopbackServer] = [], maxResponseBytes: Int = HTTPTransportConfiguration.defaultMaxResponseBytes,
        _ body: (HTTPTransport) async throws -> R
    ) async throws -> R {
        let config = HTTPTransportConfiguration(
            connectTimeout: .seconds(2), readTimeout: readTimeout, maxConcurrentRequests: maxConcurrentRequests,
            temporaryDirectory: temporaryDirectory, maxResponseBytes: maxResponseBytes, retry: retry
        )
        let transport: HTTPTransport
        do {
            transport = try HTTPTransport(baseURL: server.baseURL + prefix, configuration: config)
        } catch {
            await server.stop()
            for s in extraServers { await s.stop() }
            throw error
        }
        do {
            let result = try await body(transport)
            await transport.shutdown()
            await server.stop()
            for s in extraServers { await s.stop() }
            return result
        } catch {
            await transport.shutdown()
            await server.stop()
            for s in extraServers { await s.stop() }
            throw error
        }
    }

    static func request(_ path: [String], query: [TransportRequest.QueryItem] = []) -> TransportRequest {
        TransportRequest(path: path, query: query, headers: [HeaderField("accept", "application/json")], credential: credential)
    }

    static func files(in dir: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    }
}
