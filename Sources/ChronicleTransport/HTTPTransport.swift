import AsyncHTTPClient
import ChronicleCore
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Talks to one source over HTTP(S) with AsyncHTTPClient: one connection pool per source, explicit
/// connect and read timeouts, a bound on requests in flight, gzip accepted.
///
/// Each response body is read whole before ``send(_:)`` returns, in memory up to
/// ``HTTPTransportConfiguration/memoryThreshold`` and spooled to a temporary file beyond it, so a
/// truncated body or a read timeout is retried here and the caller never sees a partial body.
/// Retries follow ``RetryPolicy``; redirects follow ``RedirectRule`` (AsyncHTTPClient's own
/// redirect handling is off). The credential goes on the wire at send time only and appears in no
/// error this type throws.
public final class HTTPTransport: Transport {
    public let configuration: HTTPTransportConfiguration
    private let baseURL: String
    private let client: HTTPClient
    private let semaphore: AsyncSemaphore

    /// `baseURL` is `http(s)://host[:port][/prefix]`, with no user info, query or fragment.
    public init(baseURL: String, configuration: HTTPTransportConfiguration = HTTPTransportConfiguration()) throws {
        guard let url = URL(string: baseURL), RedirectRule.Origin(url) != nil else {
            throw TransportError(.invalidURL, request: nil, detail: "the base URL is not an http(s) URL with a host")
        }
        guard url.user == nil, url.password == nil else {
            throw TransportError(.invalidURL, request: nil, detail: "the base URL must not carry user info; give the credential with --token-env or --token-file")
        }
        guard url.query == nil, url.fragment == nil else {
            throw TransportError(.invalidURL, request: nil, detail: "the base URL must not have a query or fragment")
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.configuration = configuration
        semaphore = AsyncSemaphore(permits: configuration.maxConcurrentRequests)
        var config = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(
                connect: Self.timeAmount(configuration.connectTimeout), read: Self.timeAmount(configuration.readTimeout)
            ),
            decompression: .enabled(limit: .size(configuration.maxResponseBytes))
        )
        config.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConcurrentRequests
        )
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// The full URL of `request` (no secret: credentials never travel in paths or queries): the
    /// base URL, the path as ``TransportRequest/encodedPath`` encodes it (with `.` and `..`
    /// segments written `%2E` and `%2E%2E` so that no one resolves them as dot-segments), and the
    /// query.
    public func url(for request: TransportRequest) -> String {
        let q = request.encodedQuery
        let path = request.pathSegments.map { segment -> String in
            switch segment {
            case ".": return "%2E"
            case "..": return "%2E%2E"
            default: return URLEncoding.encode(segment)
            }
        }
        return baseURL + "/" + path.joined(separator: "/") + (q.isEmpty ? "" : "?" + q)
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let policy = configuration.retry
        let scrub = Self.scrubber(request.credential)
        var attempt = 0
        while true {
            let outcome: Result<TransportResponse, TransportError>
            try await semaphore.wait()
            do {
                outcome = .success(try await exchange(request, scrub: scrub))
            } catch let error as TransportError {
                outcome = .failure(error)
            } catch {
                semaphore.signal()
                throw error
            }
            semaphore.signal()
            attempt += 1
            switch outcome {
            case .success(let response):
                guard let delay = policy.delay(forStatus: response.status, retryAfter: response.header("retry-after"), attempt: attempt - 1) else {
                    return response
                }
                if attempt >= policy.maxAttempts {
                    let said = Self.printable(await response.body.prefix(bytes: 300))
                    throw TransportError(
                        .unreachable, request: request.description,
                        detail: scrub("the platform answered HTTP \(response.status) to \(attempt) attempts; giving up" + (said.isEmpty ? "" : ". It said: \(said)"))
                    )
                }
                configuration.onRetry?(RetryNotice(
                    request: request.description, reason: "the platform answered HTTP \(response.status)", attempt: attempt,
                    maxAttempts: policy.maxAttempts, delay: delay
                ))
                try await policy.sleep(delay)
            case .failure(let error):
                guard error.isTransient else { throw error }
                if attempt >= policy.maxAttempts {
                    throw TransportError(error.kind, request: request.description, detail: "\(error.detail) (gave up after \(attempt) attempts)")
                }
                let delay = policy.backoffDelay(attempt: attempt - 1)
                configuration.onRetry?(RetryNotice(
                    request: request.description, reason: error.detail, attempt: attempt, maxAttempts: policy.maxAttempts, delay: delay
                ))
                try await policy.sleep(delay)
            }
        }
    }

    /// One attempt: the request and the redirects it is allowed to follow, the body read whole.
    private func exchange(_ request: TransportRequest, scrub: @escaping (String) -> String) async throws -> TransportResponse {
        let what = request.description
        guard var current = URL(string: url(for: request)) else {
            throw TransportError(.invalidURL, request: what, detail: "the request does not form a valid URL")
        }
        var method = request.method.uppercased()
        var body = request.body
        var redirects = 0
        while true {
            var outgoing = HTTPClientRequest(url: current.absoluteString)
            outgoing.method = HTTPMethod(rawValue: method)
            for header in request.headers where !Self.managedHeaders.contains(header.name.lowercased()) {
                outgoing.headers.add(name: header.name, value: header.value)
            }
            outgoing.headers.replaceOrAdd(name: "accept-encoding", value: "gzip")
            outgoing.headers.replaceOrAdd(name: "user-agent", value: configuration.userAgent)
            if let credential = request.credential {
                outgoing.headers.replaceOrAdd(name: credential.headerName, value: credential.headerValue())
            }
            if let body {
                outgoing.body = .bytes(ByteBuffer(bytes: body))
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(outgoing, deadline: .now() + Self.timeAmount(configuration.requestTimeout))
            } catch {
                throw try Self.classify(error, duringBody: false, request: what, configuration: configuration, scrub: scrub)
            }
            let status = Int(response.status.code)
            if RedirectRule.redirectStatuses.contains(status), let location = response.headers.first(name: "location") {
                await Self.drain(response.body)
                redirects += 1
                guard redirects <= configuration.maxRedirects else {
                    throw TransportError(.redirectRefused, request: what, detail: "more than \(configuration.maxRedirects) redirects; refused")
                }
                switch RedirectRule.target(from: current, location: location, request: what, scrub: scrub) {
                case .success(let next): current = next
                case .failure(let refusal): throw refusal
                }
                if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                    if method != "HEAD" { method = "GET" }
                    body = nil
                }
                continue
            }
            let spool = BodySpool(threshold: configuration.memoryThreshold, limit: configuration.maxResponseBytes, directory: configuration.temporaryDirectory, request: what)
            do {
                for try await buffer in response.body {
                    try buffer.withUnsafeReadableBytes { try spool.append($0) }
                }
            } catch {
                throw try Self.classify(error, duringBody: true, request: what, configuration: configuration, scrub: scrub)
            }
            let encoded = response.headers.first(name: "content-encoding").map { !$0.isEmpty && $0.lowercased() != "identity" } ?? false
            if !encoded, let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared != spool.count, method != "HEAD" {
                throw TransportError(.truncatedBody, request: what, detail: "the body ended after \(spool.count) of \(declared) bytes")
            }
            var headers: [HeaderField] = []
            for (name, value) in response.headers {
                let lower = name.lowercased()
                if ["content-encoding", "content-length", "transfer-encoding"].contains(lower) { continue }
                headers.append(HeaderField(lower, value))
            }
            headers.append(HeaderField("content-length", String(spool.count)))
            return TransportResponse(status: status, headers: headers, body: try spool.finish())
        }
    }

    /// Headers the transport sets itself; an adapter's copies are ignored.
    static let managedHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "accept-encoding", "connection", "user-agent",
        "authorization", "x-api-key", "x-user-id", "cookie",
    ]

    /// Reads and drops at most 64 KiB of a body we do not need (a redirect's).
    private static func drain(_ body: HTTPClientResponse.Body) async {
        var seen = 0
        do {
            for try await buffer in body {
                seen += buffer.readableBytes
                if seen > 64 * 1024 { break }
            }
        } catch {}
    }

    /// Maps an AsyncHTTPClient / NIO failure to a ``TransportError`` (rethrows cancellation).
    static func classify(
        _ error: any Error, duringBody: Bool, request: String, configuration: HTTPTransportConfiguration,
        scrub: (String) -> String
    ) throws -> TransportError {
        if let error = error as? TransportError { return error }
        if error is CancellationError { throw error }
        let text = scrub(String(describing: error))
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled:
                throw CancellationError()
            case .readTimeout:
                return TransportError(.timeout, request: request, detail: "no data from the platform for \(configuration.readTimeout) (read timeout)")
            case .connectTimeout, .tlsHandshakeTimeout:
                return TransportError(.timeout, request: request, detail: "could not connect within \(configuration.connectTimeout) (connect timeout)")
            case .deadlineExceeded:
                return TransportError(.timeout, request: request, detail: "the exchange took longer than \(configuration.requestTimeout)")
            case .remoteConnectionClosed:
                return duringBody
                    ? TransportError(.truncatedBody, request: request, detail: "the platform closed the connection in the middle of the body")
                    : TransportError(.connectionReset, request: request, detail: "the platform closed the connection before answering")
            case .bodyLengthMismatch:
                return TransportError(.truncatedBody, request: request, detail: "the body's length does not match its content-length")
            case .invalidURL, .emptyHost, .emptyScheme:
                return TransportError(.invalidURL, request: request, detail: text)
            default:
                break
            }
        }
        if error is NIOHTTPDecompression.DecompressionError {
            return TransportError(.bodyTooLarge, request: request, detail: "the gzip-encoded body decodes to more than \(configuration.maxResponseBytes) bytes (the response size limit); not retried")
        }
        if let error = error as? IOError, [ECONNRESET, EPIPE, ECONNABORTED].contains(error.errnoCode) {
            return TransportError(duringBody ? .truncatedBody : .connectionReset, request: request, detail: "the connection was reset: \(text)")
        }
        if error is HTTPParserError, duringBody {
            return TransportError(.truncatedBody, request: request, detail: "the body ended early or was malformed: \(text)")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return TransportError(.timeout, request: request, detail: "could not connect within \(configuration.connectTimeout) (connect timeout)")
        }
        if !duringBody, let words = ConnectionFailureText.describe(error) {
            return TransportError(.unreachable, request: request, detail: "the platform could not be reached: \(scrub(words))")
        }
        if duringBody {
            return TransportError(.truncatedBody, request: request, detail: "reading the body failed: \(text)")
        }
        return TransportError(.unreachable, request: request, detail: "the platform could not be reached: \(text)")
    }

    static func scrubber(_ credential: Credential?) -> @Sendable (String) -> String {
        guard let credential else { return { $0 } }
        let secret = credential.secret
        return { secret.scrub($0) }
    }

    /// A short, one-line, printable rendering of an error body.
    static func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
            .map { $0.isNewline || $0 == "\t" ? " " : $0 }
            .filter { !($0.unicodeScalars.first.map { CharacterSet.controlCharacters.contains($0) } ?? false) }
            .reduce(into: "") { $0.append($1) }
    }

    static func timeAmount(_ d: Duration) -> TimeAmount {
        let c = d.components
        return .nanoseconds(c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)
    }
}
