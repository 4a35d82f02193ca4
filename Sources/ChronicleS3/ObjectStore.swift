import Foundation

/// Object Lock retention modes (S3 `x-amz-object-lock-mode`).
public enum ObjectLockMode: String, Sendable, CaseIterable {
    /// Nobody, not even the root account, may delete or shorten the retention before it ends.
    case compliance = "COMPLIANCE"
    /// Users with `s3:BypassGovernanceRetention` may delete with `x-amz-bypass-governance-retention`.
    case governance = "GOVERNANCE"
}

/// What is sent with a new object: its checksum for the store to check and its lock.
public struct ObjectWriteOptions: Sendable {
    /// Base64 of the SHA-256 of the whole object (sent as `x-amz-checksum-sha256` by `put`).
    public var checksumSHA256: String?
    public var lockMode: ObjectLockMode?
    public var retainUntil: Date?
    public var legalHold: Bool
    public var storageClass: String?
    /// `x-amz-meta-*` pairs (lowercase names without the prefix).
    public var metadata: [(name: String, value: String)]

    public init(checksumSHA256: String? = nil, lockMode: ObjectLockMode? = nil, retainUntil: Date? = nil, legalHold: Bool = false, storageClass: String? = nil, metadata: [(name: String, value: String)] = []) {
        self.checksumSHA256 = checksumSHA256
        self.lockMode = lockMode
        self.retainUntil = retainUntil
        self.legalHold = legalHold
        self.storageClass = storageClass
        self.metadata = metadata
    }
}

/// What HEAD says of an object.
public struct ObjectHead: Sendable, Equatable {
    public var size: Int64
    /// `x-amz-checksum-sha256` (asked with `x-amz-checksum-mode: ENABLED`): base64, with `-N` for
    /// a multipart object's checksum of part checksums.
    public var checksumSHA256: String?
    public var lockMode: ObjectLockMode?
    public var retainUntil: Date?
    public var legalHold: Bool
    public var versionID: String?
    public var metadata: [String: String]

    public init(size: Int64, checksumSHA256: String?, lockMode: ObjectLockMode?, retainUntil: Date?, legalHold: Bool, versionID: String?, metadata: [String: String] = [:]) {
        self.size = size
        self.checksumSHA256 = checksumSHA256
        self.lockMode = lockMode
        self.retainUntil = retainUntil
        self.legalHold = legalHold
        self.versionID = versionID
        self.metadata = metadata
    }
}

/// One listed object.
public struct ListedObject: Sendable, Equatable {
    public var key: String
    public var size: Int64
}

/// One uploaded part of a multipart upload.
public struct UploadedPart: Sendable, Equatable {
    public var number: Int
    public var etag: String
    public var checksumSHA256: String

    public init(number: Int, etag: String, checksumSHA256: String) {
        self.number = number
        self.etag = etag
        self.checksumSHA256 = checksumSHA256
    }
}

/// An S3-compatible object store, as much of it as Chronicle uses. Keys are full keys (prefix
/// included); every failure is an ``S3Error``.
public protocol ObjectStore: Sendable {
    var bucket: String { get }
    /// Stores `body` under `key` in one request.
    func put(key: String, body: [UInt8], options: ObjectWriteOptions) async throws
    /// Starts a multipart upload with SHA-256 part checksums; returns the upload id.
    func createMultipartUpload(key: String, options: ObjectWriteOptions) async throws -> String
    /// Sends part `number` (1…10000) with its SHA-256 (base64) for the store to check.
    func uploadPart(key: String, uploadID: String, number: Int, body: [UInt8], checksumSHA256: String) async throws -> UploadedPart
    func completeMultipartUpload(key: String, uploadID: String, parts: [UploadedPart]) async throws
    func abortMultipartUpload(key: String, uploadID: String) async throws
    /// Sets the newest version's retention (`PutObjectRetention`), e.g. after a multipart upload
    /// on a store that does not take the lock headers on `CreateMultipartUpload` (moto).
    func putRetention(key: String, mode: ObjectLockMode, retainUntil: Date) async throws
    /// Puts a legal hold on the newest version (`PutObjectLegalHold`).
    func putLegalHold(key: String) async throws
    /// nil when there is no such object.
    func head(key: String) async throws -> ObjectHead?
    /// The bytes of `key` (a `range` of them when given), handed to `body` as they arrive;
    /// false when there is no such object.
    func get(key: String, range: ClosedRange<Int64>?, body: @escaping @Sendable ([UInt8]) throws -> Void) async throws -> Bool
    /// Every object whose key starts with `prefix`, in key order, one page at a time.
    func list(prefix: String, page: ([ListedObject]) throws -> Void) async throws
    /// Deletes `key` (its newest version, or `versionID`); for tests and tools.
    func delete(key: String, versionID: String?, bypassGovernance: Bool) async throws
    func shutdown() async
}

extension ObjectStore {
    /// The whole object in memory (for small files such as manifests); nil when absent.
    public func getAll(key: String, limit: Int = 64 << 20) async throws -> [UInt8]? {
        let collector = ByteCollector(limit: limit)
        guard try await get(key: key, range: nil, body: { try collector.append($0) }) else { return nil }
        return collector.bytes
    }
}

/// Collects the bytes of a GET up to a limit (a bigger object is refused, not held).
final class ByteCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [UInt8] = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: [UInt8]) throws {
        try lock.withLock {
            guard storage.count + chunk.count <= limit else {
                throw S3Error(.malformedResponse, message: "the object is larger than \(limit) bytes, more than a manifest can be")
            }
            storage += chunk
        }
    }

    var bytes: [UInt8] { lock.withLock { storage } }
}
