import ChronicleConfig
import Testing

/// `[upload]`: every value is checked as read; a bad one names file, line and key (exit 78).
@Suite("Configuration: [upload]")
struct ConfigurationUploadTests {
    static let base = """
        out = "/srv/chronicle"
        [upload]
        url = "s3://chronicle-archive/nightly"
        region = "eu-central-1"
        retention_days = 2555
        retention_mode = "COMPLIANCE"
        storage_class = "STANDARD_IA"
        keep_local_days = 30
        """

    @Test func aGoodTableIsRead() throws {
        let c = try ConfigurationLoader.parse(Self.base, file: "/c.toml")
        let u = try #require(c.upload)
        #expect(u.url == "s3://chronicle-archive/nightly")
        #expect(u.region == "eu-central-1" && u.endpoint == nil)
        #expect(u.retentionDays == 2555 && u.retentionMode == "COMPLIANCE" && !u.legalHold)
        #expect(u.storageClass == "STANDARD_IA" && u.keepLocalDays == 30)
        #expect(u.line == 2)
    }

    static let bad: [(from: String, to: String, line: Int, key: String, says: String)] = [
        ("url = \"s3://chronicle-archive/nightly\"", "url = \"https://chronicle-archive/nightly\"", 3, "upload.url", "is not s3://bucket/prefix"),
        ("url = \"s3://chronicle-archive/nightly\"", "url = \"s3://Bad_Bucket/x\"", 3, "upload.url", "is not s3://bucket/prefix"),
        ("url = \"s3://chronicle-archive/nightly\"", "url = \"s3://chronicle-archive/../x\"", 3, "upload.url", "'..'"),
        ("retention_days = 2555", "retention_days = 0", 5, "upload.retention_days", "out of range"),
        ("retention_days = 2555", "retention_days = \"7 years\"", 5, "upload.retention_days", "expected an integer"),
        ("retention_mode = \"COMPLIANCE\"", "retention_mode = \"compliance\"", 6, "upload.retention_mode", "is not COMPLIANCE or GOVERNANCE"),
        ("storage_class = \"STANDARD_IA\"", "storage_class = \"COLD\"", 7, "upload.storage_class", "is not one of"),
        ("keep_local_days = 30", "keep_local_days = -1", 8, "upload.keep_local_days", "out of range"),
        ("region = \"eu-central-1\"", "region = \"eu central\"", 4, "upload.region", "is not a region name"),
        ("region = \"eu-central-1\"", "endpoint = \"ftp://minio:9000\"", 4, "upload.endpoint", "http(s)://"),
        ("keep_local_days = 30", "retention_dayz = 3", 8, "upload.retention_dayz", "did you mean 'retention_days'?"),
    ]

    @Test(arguments: bad.indices)
    func aBadValueNamesFileLineAndKey(_ i: Int) {
        let b = Self.bad[i]
        do {
            _ = try ConfigurationLoader.parse(Self.base.replacingOccurrences(of: b.from, with: b.to), file: "/c.toml")
            Issue.record("\(b.to) must be refused")
        } catch let e as ConfigurationError {
            #expect(e.line == b.line && e.key == b.key, "\(e)")
            #expect(e.message.contains(b.says), "\(e)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func retentionDaysAndALocationAreRequired() {
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(Self.base.replacingOccurrences(of: "retention_days = 2555\n", with: ""), file: "/c.toml") }
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(Self.base.replacingOccurrences(of: "region = \"eu-central-1\"\n", with: ""), file: "/c.toml") }
    }
}
