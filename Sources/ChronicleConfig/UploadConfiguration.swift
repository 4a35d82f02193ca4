/// The `[upload]` table: archive every published bag to S3-compatible object storage with Object
/// Lock (docs/upload.md). Values are checked as read; `line` is the table's, for messages.
public struct UploadConfiguration: Sendable, Equatable {
    /// `s3://bucket/prefix`.
    public var url: String
    public var endpoint: String?
    public var region: String?
    public var retentionDays: Int
    /// `COMPLIANCE` or `GOVERNANCE`.
    public var retentionMode: String
    public var legalHold: Bool
    public var storageClass: String?
    public var credentialsFile: String?
    /// The profile of `credentials_file` (default `AWS_PROFILE`, else `default`).
    public var profile: String?
    public var keepLocalDays: Int?
    public var line: Int

    public init(url: String, endpoint: String? = nil, region: String? = nil, retentionDays: Int, retentionMode: String, legalHold: Bool = false, storageClass: String? = nil, credentialsFile: String? = nil, profile: String? = nil, keepLocalDays: Int? = nil, line: Int = 0) {
        self.url = url
        self.endpoint = endpoint
        self.region = region
        self.retentionDays = retentionDays
        self.retentionMode = retentionMode
        self.legalHold = legalHold
        self.storageClass = storageClass
        self.credentialsFile = credentialsFile
        self.profile = profile
        self.keepLocalDays = keepLocalDays
        self.line = line
    }

    /// Storage classes S3 accepts for `x-amz-storage-class`.
    public static let storageClasses = [
        "STANDARD", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "GLACIER_IR", "DEEP_ARCHIVE", "REDUCED_REDUNDANCY",
    ]
}
