import ArgumentParser

/// `export`'s flags for archiving to object storage; each overrides the configuration's `[upload]`.
struct UploadFlags: ParsableArguments {
    @Option(name: .customLong("upload-url"), help: "Archive every published bag to s3://bucket/prefix (with Object Lock; docs/upload.md).")
    var url: String?

    @Option(name: .customLong("upload-endpoint"), help: "S3-compatible endpoint, http(s)://host[:port] (default: AWS by --upload-region).")
    var endpoint: String?

    @Option(name: .customLong("upload-region"), help: "Region of the bucket (default us-east-1 with an endpoint).")
    var region: String?

    @Option(name: .customLong("retention-days"), help: "Days every uploaded object is locked.")
    var retentionDays: Int?

    @Option(name: .customLong("retention-mode"), help: "COMPLIANCE (default) or GOVERNANCE.")
    var retentionMode: String?

    @Flag(name: .customLong("legal-hold"), help: "Also put a legal hold on every uploaded object.")
    var legalHold = false

    @Option(name: .customLong("storage-class"), help: "S3 storage class of the uploaded objects (e.g. STANDARD_IA).")
    var storageClass: String?

    @Option(name: .customLong("credentials-file"), help: "AWS shared-credentials file (else AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN).")
    var credentialsFile: String?

    @Option(name: .customLong("keep-local-days"), help: "Remove local bags archived and checked remotely once older than this many days (never the newest).")
    var keepLocalDays: Int?

    var isGiven: Bool {
        url != nil || endpoint != nil || region != nil || retentionDays != nil || retentionMode != nil || legalHold || storageClass != nil
            || credentialsFile != nil || keepLocalDays != nil
    }
}
