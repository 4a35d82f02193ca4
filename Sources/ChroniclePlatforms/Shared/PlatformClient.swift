import ChronicleCore
import ChronicleJSON

/// What adapters share: sending requests with the source's credential, turning HTTP statuses into
/// ``PlatformError``s with the platform's own message (secrets scrubbed), and reading JSON bodies
/// as streams of raw records.
public struct PlatformClient: Sendable {
    public let source: SourceDescriptor
    public let transport: any Transport
    public let credential: Credential?
    /// Extracts the human message from an error body, per platform.
    let errorMessage: @Sendable ([UInt8]) -> String?

    public init(
        source: SourceDescriptor, transport: any Transport, credential: Credential?,
        errorMessage: @escaping @Sendable ([UInt8]) -> String?
    ) {
        self.source = source
        self.transport = transport
        self.credential = credential
        self.errorMessage = errorMessage
    }

    /// Builds a request carrying the source's credential.
    public func request(
        _ method: String = "GET", _ path: [String], query: [TransportRequest.QueryItem] = [], body: [UInt8]? = nil
    ) -> TransportRequest {
        var headers = [HeaderField("accept", "application/json")]
        if body != nil { headers.append(HeaderField("content-type", "application/json")) }
        return TransportRequest(method: method, path: path, query: query, body: body, headers: headers, credential: credential)
    }

    /// Sends the request and returns the response when its status is 2xx; otherwise throws a
    /// ``PlatformError`` that names the source, the request and what the platform said.
    public func send(_ request: TransportRequest, sessionID: String? = nil) async throws -> TransportResponse {
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw PlatformError(.unreachable, source: source.name, request: request.description, sessionID: sessionID, message: scrub(error.detail))
        }
        if (200..<300).contains(response.status) { return response }
        let body = await response.body.prefix(bytes: 64 * 1024)
        let said = errorMessage(body).map { "the platform said: \(scrub($0))" } ?? "no message in the error body"
        let kind: PlatformError.Kind
        switch response.status {
        case 401, 403: kind = .credentialsRefused(status: response.status)
        case 404, 410: kind = .notFound
        default: kind = .unexpectedStatus(response.status)
        }
        throw PlatformError(kind, source: source.name, request: request.description, sessionID: sessionID, message: "HTTP \(response.status); \(said)")
    }

    /// Removes the credential from text that came back from the platform.
    public func scrub(_ text: String) -> String {
        credential?.secret.scrub(text) ?? text
    }

    /// Sends a request for a JSON document whose records sit in `recordArray`, passing each
    /// record's raw bytes to `onRecord` as the body streams in, and returns the rest of the
    /// document (paging metadata).
    public func streamRecords(
        _ request: TransportRequest, recordArray: JSONRecordSplitter.ArrayLocation, recordKind: String,
        sessionID: String? = nil, onRecord: (RawRecord) async throws -> Void
    ) async throws -> JSONEnvelope {
        let response = try await send(request, sessionID: sessionID)
        var splitter = JSONRecordSplitter(recordArray: recordArray)
        let requestText = request.description
        var pending: [RawRecord] = []
        do {
            for try await chunk in response.body {
                try chunk.withUnsafeBytes { buffer in
                    try splitter.feedParsing(buffer, onRecord: { raw, value in
                        var record = RawRecord(kind: recordKind, request: requestText, bytes: Array(raw))
                        record.parsed = value
                        pending.append(record)
                    }, onInvalid: { raw, problem in
                        // Kept whole and flagged; the valid records around it go on.
                        var record = RawRecord(kind: recordKind, request: requestText, bytes: RawRecord.unparsedWrapper(raw))
                        record.invalidJSON = problem.description
                        pending.append(record)
                    })
                }
                for record in pending { try await onRecord(record) }
                pending.removeAll(keepingCapacity: true)
            }
            return try splitter.finish()
        } catch let error as JSONStreamError {
            throw PlatformError(.malformedRecord, source: source.name, request: requestText, sessionID: sessionID, message: "the response is not the JSON the contract describes: \(error)")
        } catch let error as TransportError {
            throw PlatformError(.unreachable, source: source.name, request: requestText, sessionID: sessionID, message: scrub(error.description))
        }
    }

    /// Reads a small JSON response whole (bounded).
    public func fetchJSON(_ request: TransportRequest, sessionID: String? = nil, limit: Int = 16 << 20) async throws -> (JSONValue, [UInt8]) {
        let response = try await send(request, sessionID: sessionID)
        let bytes: [UInt8]
        do {
            bytes = try await response.body.collect(upTo: limit)
        } catch let error as TransportError {
            throw PlatformError(.unreachable, source: source.name, request: request.description, sessionID: sessionID, message: scrub(error.description))
        }
        do {
            return (try JSONParser.parse(bytes), bytes)
        } catch {
            throw PlatformError(.malformedRecord, source: source.name, request: request.description, sessionID: sessionID, message: "the response is not valid JSON: \(error)")
        }
    }
}
