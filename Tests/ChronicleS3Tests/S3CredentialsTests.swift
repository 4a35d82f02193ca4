import ChronicleCore
import Foundation
import Testing

@testable import ChronicleS3

/// Credentials from the AWS variables or a shared-credentials file; the secret key and the
/// session token never appear in what they print, nor in their errors.
@Suite struct S3CredentialsTests {
    static let file = """
        # comment
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = defaultSecretValue/1234

        [chronicle]
        aws_access_key_id=AKIACHRONICLE
        aws_secret_access_key=chronicleSecretValue+5678
        aws_session_token = chronicleTokenValue9999
        """

    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "chronicle-credentials-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aProfileOfTheFile() throws {
        let path = try write(Self.file)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let c = try S3Credentials.resolve(environment: [:], credentialsFile: path, profile: "chronicle")
        #expect(c.accessKeyID == "AKIACHRONICLE")
        #expect(c.secretAccessKey.withValue { $0 } == "chronicleSecretValue+5678")
        #expect(c.sessionToken?.withValue { $0 } == "chronicleTokenValue9999")
        let d = try S3Credentials.resolve(environment: ["AWS_PROFILE": ""], credentialsFile: path)
        #expect(d.accessKeyID == "AKIADEFAULT" && d.sessionToken == nil)
        let e = try S3Credentials.resolve(environment: ["AWS_PROFILE": "chronicle"], credentialsFile: path)
        #expect(e.accessKeyID == "AKIACHRONICLE")
        let printed = "\(c) \(String(reflecting: c))"
        #expect(!printed.contains("chronicleSecretValue") && !printed.contains("chronicleTokenValue"), "\(printed)")
    }

    @Test func aMissingProfileOrKeyIsACredentialsErrorWithoutTheSecret() throws {
        let path = try write(Self.file.replacingOccurrences(of: "aws_access_key_id=AKIACHRONICLE\n", with: ""))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: S3Error.self) { try S3Credentials.resolve(environment: [:], credentialsFile: path, profile: "nobody") }
        do {
            _ = try S3Credentials.resolve(environment: [:], credentialsFile: path, profile: "chronicle")
            Issue.record("a profile without an access key id must be refused")
        } catch let error as S3Error {
            #expect(error.kind == .credentials)
            #expect(!"\(error)".contains("chronicleSecretValue") && "\(error)".contains("aws_access_key_id"))
        }
    }

    @Test func theEnvironment() throws {
        let c = try S3Credentials.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envSecretValue\n", "AWS_SESSION_TOKEN": "envTokenValue"], credentialsFile: nil
        )
        #expect(c.accessKeyID == "AKIAENV" && c.secretAccessKey.withValue { $0 } == "envSecretValue")
        #expect(c.scrub("x envSecretValue y envTokenValue") == "x <redacted> y <redacted>")
        #expect(throws: S3Error.self) { try S3Credentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"], credentialsFile: nil) }
        #expect(throws: S3Error.self) { try S3Credentials.resolve(environment: [:], credentialsFile: nil) }
        // The message names how this command's user gives a file: `verify` has a flag, not a config.
        do {
            _ = try S3Credentials.resolve(environment: [:], credentialsFile: nil, fileSetting: "--credentials-file FILE")
            Issue.record("no credentials resolved to some")
        } catch let error as S3Error {
            #expect(error.message.hasSuffix("or give --credentials-file FILE"), "\(error.message)")
            #expect(!error.message.contains("[upload]"))
        }
    }

    /// An error answer's message is kept only after the credentials are scrubbed from it.
    @Test func errorsNameBucketKeyStatusAndCode() {
        let e = S3Error(.refused, operation: "PUT", bucket: "archive", key: "nightly/x", status: 403, code: "AccessDenied", message: "Access Denied")
        #expect("\(e)".hasPrefix("PUT s3://archive/nightly/x: HTTP 403 AccessDenied: Access Denied; check the IAM policy"))
    }

    @Test func locations() throws {
        let l = try S3Location.parse("s3://chronicle-archive/nightly/").get()
        #expect(l.bucket == "chronicle-archive" && l.prefix == "nightly" && l.key("vectara/r") == "nightly/vectara/r")
        #expect(try S3Location.parse("s3://chronicle-archive").get().prefix == "")
        #expect((try? S3Location.parse("http://x/y").get()) == nil)
        #expect((try? S3Location.parse("s3://UPPER/y").get()) == nil)
        #expect((try? S3Location.parse("s3://bucket/a/../b").get()) == nil)
    }
}
