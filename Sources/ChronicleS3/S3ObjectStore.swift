import AsyncHTTPClient
import ChronicleCore
import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// ``ObjectStore`` over AsyncHTTPClient, every request signed with SigV4 (payload hash signed).
/// With an `endpoint` (MinIO, moto, …) keys are addressed path-style (`endpoint/bucket/key`);
/// without one, AWS's regional endpoint virtual-host style (`bucket.s3.region.amazonaws.com/key`).
public final class S3ObjectStore: ObjectStore {
    public let bucket: String
    public let region: String
    private let credentials: S3Credentials
    private let client: HTTPClient
    /// scheme://host[:port]
    private let origin: String
    private let host: String
    /// "/bucket" path-style, "" virtual-host style.
    private let bucketPath: String
    private let attempts = 3

    public init(bucket: String, region: String, endpoint: String?, credentials: S3Credentials) throws {
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        if let endpoint {
            guard let url = URL(string: endpoint), let scheme = url.scheme, scheme == "http" || scheme == "https", let h = url.host, !h.isEmpty,
                url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil
            else {
                throw S3Error(.badLocation, message: "endpoint '\(endpoint)' is not an http(s)://host[:port] URL")
            }
            let hostPort = url.port.map { "\(h):\($0)" } ?? h
            origin = "\(scheme)://\(hostPort)"
            host = hostPort
            bucketPath = "/" + bucket
        } else if bucket.contains(".") {
            host = "s3.\(region).amazonaws.com"
            origin = "https://" + host
            bucketPath = "/" + bucket
        } else {
            host = "\(bucket).s3.\(region).amazonaws.com"
            origin = "https://" + host
            bucketPath = ""
        }
        var config = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(120)))
        config.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    // MARK: Operations

    public func put(key: String, body: [UInt8], options: ObjectWriteOptions) async throws {
        var headers = writeHeaders(options)
        headers.append(("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()))
        if let checksum = options.checksumSHA256 {
            // The SDKs' header naming the algorithm too: some S3-compatible stores (moto) keep
            // the checksum only when it is there.
            headers.append(("x-amz-sdk-checksum-algorithm", "SHA256"))
            headers.append(("x-amz-checksum-sha256", checksum))
        }
        _ = try await send("PUT", key: key, headers: headers, body: body, operation: "PUT")
    }

    public func createMultipartUpload(key: String, options: ObjectWriteOptions) async throws -> String {
        var headers = writeHeaders(options)
        headers.append(("x-amz-checksum-algorithm", "SHA256"))
        let answer = try await send("POST", key: key, query: [("uploads", "")], headers: headers, operation: "CreateMultipartUpload")
        guard let id = S3XML.value("UploadId", in: answer.text) else {
            throw S3Error(.malformedResponse, operation: "CreateMultipartUpload", bucket: bucket, key: key, status: answer.status, message: "the answer has no UploadId")
        }
        return id
    }

    public func uploadPart(key: String, uploadID: String, number: Int, body: [UInt8], checksumSHA256: String) async throws -> UploadedPart {
        let answer = try await send(
            "PUT", key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)],
            headers: [("x-amz-sdk-checksum-algorithm", "SHA256"), ("x-amz-checksum-sha256", checksumSHA256), ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())],
            body: body, operation: "UploadPart \(number)"
        )
        guard let etag = answer.headers.first(name: "etag") else {
            throw S3Error(.malformedResponse, operation: "UploadPart \(number)", bucket: bucket, key: key, status: answer.status, message: "the answer has no ETag")
        }
        return UploadedPart(number: number, etag: etag, checksumSHA256: checksumSHA256)
    }

    public func completeMultipartUpload(key: String, uploadID: String, parts: [UploadedPart]) async throws {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for p in parts {
            xml += "<Part><PartNumber>\(p.number)</PartNumber><ETag>\(S3XML.escape(p.etag))</ETag><ChecksumSHA256>\(p.checksumSHA256)</ChecksumSHA256></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let answer = try await send("POST", key: key, query: [("uploadId", uploadID)], headers: [("content-type", "application/xml")], body: Array(xml.utf8), operation: "CompleteMultipartUpload")
        // S3 may answer 200 with an <Error> body when completing fails late.
        if answer.text.contains("<Error>") {
            throw S3Error(.refused, operation: "CompleteMultipartUpload", bucket: bucket, key: key, status: answer.status, code: S3XML.value("Code", in: answer.text), message: "the store did not complete the upload")
        }
    }

    public func abortMultipartUpload(key: String, uploadID: String) async throws {
        _ = try await send("DELETE", key: key, query: [("uploadId", uploadID)], operation: "AbortMultipartUpload")
    }

    public func putRetention(key: String, mode: ObjectLockMode, retainUntil: Date) async throws {
        let xml = "<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>\(mode.rawValue)</Mode><RetainUntilDate>\(Self.formatDate(retainUntil))</RetainUntilDate></Retention>"
        let body = Array(xml.utf8)
        _ = try await send(
            "PUT", key: key, query: [("retention", "")],
            headers: [("content-type", "application/xml"), ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())],
            body: body, operation: "PutObjectRetention"
        )
    }

    public func putLegalHold(key: String) async throws {
        let body = Array("<LegalHold xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>ON</Status></LegalHold>".utf8)
        _ = try await send(
            "PUT", key: key, query: [("legal-hold", "")],
            headers: [("content-type", "application/xml"), ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString())],
            body: body, operation: "PutObjectLegalHold"
        )
    }

    public func head(key: String) async throws -> ObjectHead? {
        let answer = try await send("HEAD", key: key, headers: [("x-amz-checksum-mode", "ENABLED")], operation: "HEAD", absentIsNil: true)
        guard let answer else { return nil }
        let h = answer.headers
        guard let size = h.first(name: "content-length").flatMap({ Int64($0) }) else {
            throw S3Error(.malformedResponse, operation: "HEAD", bucket: bucket, key: key, status: answer.status, message: "the answer has no Content-Length")
        }
        var metadata: [String: String] = [:]
        for (name, value) in h where name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
        }
        return ObjectHead(
            size: size, checksumSHA256: h.first(name: "x-amz-checksum-sha256"),
            lockMode: h.first(name: "x-amz-object-lock-mode").flatMap(ObjectLockMode.init(rawValue:)),
            retainUntil: h.first(name: "x-amz-object-lock-retain-until-date").flatMap(Self.parseDate),
            legalHold: h.first(name: "x-amz-object-lock-legal-hold") == "ON", versionID: h.first(name: "x-amz-version-id"),
            metadata: metadata
        )
    }

    public func get(key: String, range: ClosedRange<Int64>?, body: @escaping @Sendable ([UInt8]) throws -> Void) async throws -> Bool {
        var headers: [(name: String, value: String)] = []
        if let range { headers.append(("range", "bytes=\(range.lowerBound)-\(range.upperBound)")) }
        let request = try makeRequest("GET", key: key, query: [], headers: headers, body: [])
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(300))
        } catch {
            throw unreachable(error, operation: "GET", key: key)
        }
        let status = Int(response.status.code)
        if status == 404 {
            _ = try? await response.body.collect(upTo: 1 << 16)
            return false
        }
        guard (200..<300).contains(status) else {
            let text = String(buffer: (try? await response.body.collect(upTo: 1 << 16)) ?? ByteBuffer())
            throw refused("GET", key: key, status: status, text: text)
        }
        do {
            for try await buffer in response.body {
                try body(Array(buffer.readableBytesView))
            }
        } catch let error as S3Error {
            throw error
        } catch {
            throw unreachable(error, operation: "GET", key: key)
        }
        return true
    }

    public func list(prefix: String, page: ([ListedObject]) throws -> Void) async throws {
        var token: String?
        repeat {
            var query: [(String, String)] = [("list-type", "2"), ("prefix", prefix)]
            if let token { query.append(("continuation-token", token)) }
            let answer = try await send("GET", key: "", query: query, operation: "ListObjectsV2")
            try page(S3XML.listedObjects(in: answer.text))
            token = S3XML.value("IsTruncated", in: answer.text) == "true" ? S3XML.value("NextContinuationToken", in: answer.text) : nil
        } while token != nil
    }

    public func delete(key: String, versionID: String?, bypassGovernance: Bool) async throws {
        var query: [(String, String)] = []
        if let versionID { query.append(("versionId", versionID)) }
        var headers: [(name: String, value: String)] = []
        if bypassGovernance { headers.append(("x-amz-bypass-governance-retention", "true")) }
        _ = try await send("DELETE", key: key, query: query, headers: headers, operation: "DELETE")
    }

    // MARK: Requests

    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var text: String
    }

    private func writeHeaders(_ options: ObjectWriteOptions) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let mode = options.lockMode { headers.append(("x-amz-object-lock-mode", mode.rawValue)) }
        if let until = options.retainUntil { headers.append(("x-amz-object-lock-retain-until-date", Self.formatDate(until))) }
        if options.legalHold { headers.append(("x-amz-object-lock-legal-hold", "ON")) }
        if let storageClass = options.storageClass { headers.append(("x-amz-storage-class", storageClass)) }
        for m in options.metadata { headers.append(("x-amz-meta-" + m.name, m.value)) }
        return headers
    }

    private func send(
        _ method: String, key: String, query: [(String, String)] = [], headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        operation: String
    ) async throws -> Answer {
        guard let answer = try await send(method, key: key, query: query, headers: headers, body: body, operation: operation, absentIsNil: false) else {
            throw S3Error(.refused, operation: operation, bucket: bucket, key: key, status: 404, message: "not found")
        }
        return answer
    }

    /// Sends one request, retrying a broken connection or a 500/503 twice (every request here is
    /// idempotent); a 404 is nil when `absentIsNil`.
    private func send(
        _ method: String, key: String, query: [(String, String)] = [], headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        operation: String, absentIsNil: Bool
    ) async throws -> Answer? {
        var attempt = 0
        while true {
            attempt += 1
            let request = try makeRequest(method, key: key, query: query, headers: headers, body: body)
            do {
                let response = try await client.execute(request, timeout: .seconds(300))
                let status = Int(response.status.code)
                let bytes = try await response.body.collect(upTo: 16 << 20)
                let text = String(buffer: bytes)
                if status == 404, absentIsNil { return nil }
                if (200..<300).contains(status) { return Answer(status: status, headers: response.headers, text: text) }
                if (status == 500 || status == 503), attempt < attempts {
                    try await Task.sleep(for: .milliseconds(200 * attempt * attempt))
                    continue
                }
                throw refused(operation, key: key, status: status, text: text)
            } catch let error as S3Error {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if attempt < attempts, !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(200 * attempt * attempt))
                    continue
                }
                throw unreachable(error, operation: operation, key: key)
            }
        }
    }

    private func makeRequest(_ method: String, key: String, query: [(String, String)], headers: [(name: String, value: String)], body: [UInt8]) throws -> HTTPClientRequest {
        let path = bucketPath + "/" + key
        let payloadHash = SigV4Signer.hex(SHA256.hash(data: body))
        var all = headers
        all.append(("host", host))
        all.append(("x-amz-content-sha256", payloadHash))
        let signed = SigV4Signer.sign(
            SigV4Signer.Request(method: method, path: path, query: query.map { ($0.0, $0.1) }, headers: all, payloadHash: payloadHash),
            accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken,
            region: region, service: "s3", date: Date()
        )
        var url = origin + SigV4Signer.uriEncode(path, keepSlash: true)
        if !query.isEmpty {
            url += "?" + query.map { $0.1.isEmpty ? $0.0 : "\(SigV4Signer.uriEncode($0.0, keepSlash: false))=\(SigV4Signer.uriEncode($0.1, keepSlash: false))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for h in signed where h.name != "host" { request.headers.add(name: h.name, value: h.value) }
        if method == "PUT" || method == "POST" {
            request.headers.add(name: "content-length", value: String(body.count))
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    private func refused(_ operation: String, key: String, status: Int, text: String) -> S3Error {
        let code = S3XML.value("Code", in: text)
        let said = S3XML.value("Message", in: text).map { credentials.scrub(String($0.prefix(300))) }
        let kind: S3Error.Kind = status == 403 && ["InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"].contains(code ?? "") ? .credentials : .refused
        return S3Error(kind, operation: operation, bucket: bucket, key: key, status: status, code: code, message: said ?? "the store refused the request")
    }

    private func unreachable(_ error: any Error, operation: String, key: String) -> S3Error {
        S3Error(.unreachable, operation: operation, bucket: bucket, key: key, message: "the store at \(origin) could not be reached or the connection broke (\(credentials.scrub(String(describing: error))))")
    }

    // MARK: Dates

    static func formatDate(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(secondsFromGMT: 0)
        return f.string(from: date)
    }

    static func parseDate(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
