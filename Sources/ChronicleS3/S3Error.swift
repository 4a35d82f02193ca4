/// A failure of the object store layer: what was asked, of which bucket and key, the HTTP status
/// and S3 error code when there was an answer, and what to do. Never holds a secret: messages are
/// made from names and the store's error code, and the store's message is scrubbed of the
/// credentials before it is kept.
public struct S3Error: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No usable credentials, or the store refused them (403 with a credentials code).
        case credentials
        /// The store could not be reached or the connection broke.
        case unreachable
        /// The store answered with an error status.
        case refused
        /// The store's answer was not what S3 sends.
        case malformedResponse
        /// A local file could not be read.
        case localFile
        /// An `s3://` URL or endpoint that cannot be used.
        case badLocation
    }

    public var kind: Kind
    public var operation: String
    public var bucket: String
    public var key: String
    public var status: Int?
    /// S3's `<Code>` (e.g. `AccessDenied`, `NoSuchBucket`, `InvalidRequest`).
    public var code: String?
    public var message: String

    public init(_ kind: Kind, operation: String = "", bucket: String = "", key: String = "", status: Int? = nil, code: String? = nil, message: String) {
        self.kind = kind
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if !operation.isEmpty {
            parts.append("\(operation) s3://\(bucket)/\(key)")
        }
        if let status { parts.append("HTTP \(status)" + (code.map { " \($0)" } ?? "")) }
        parts.append(message + (remedy.map { "; \($0)" } ?? ""))
        return parts.joined(separator: ": ")
    }

    /// What to do, from the error code.
    var remedy: String? {
        switch code {
        case "AccessDenied": return "check the IAM policy (docs/upload.md lists the permissions) and, for a locked object, that it is not being changed"
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken":
            return "check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN or the credentials file"
        case "NoSuchBucket": return "create the bucket with Object Lock enabled, or fix [upload] url"
        case "InvalidRequest", "InvalidArgument":
            return "the bucket may lack Object Lock (create it with Object Lock enabled) or a value of [upload] is not accepted"
        case "BadDigest", "XAmzContentChecksumMismatch": return "the bytes changed while they were sent; the next run sends them again"
        default: return nil
        }
    }
}
