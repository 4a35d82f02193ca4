import ChronicleCore
import Foundation

/// The access key pair (and session token) requests are signed with. Prints only the access key
/// id; the secret key and the session token are ``Secret``s that never print themselves.
public struct S3Credentials: Sendable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: Secret
    public var sessionToken: Secret?

    public init(accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "S3 credentials \(accessKeyID) <redacted>" }

    /// Removes the secret key and the session token from `text`.
    public func scrub(_ text: String) -> String {
        let once = secretAccessKey.scrub(text)
        return sessionToken?.scrub(once) ?? once
    }

    /// From `credentialsFile` (the AWS shared-credentials INI format, section `profile`, default
    /// `AWS_PROFILE` else `default`) when given, else from `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`. `fileSetting` names, in the message for
    /// no credentials at all, how the caller's user gives a file (a flag or a config key).
    public static func resolve(
        environment: [String: String], credentialsFile: String?, profile: String? = nil, fileSetting: String = "[upload] credentials_file"
    ) throws -> S3Credentials {
        if let credentialsFile {
            let name = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            return try fromFile(credentialsFile, profile: name)
        }
        guard let id = environment["AWS_ACCESS_KEY_ID"]?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
            throw S3Error(.credentials, message: "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or give \(fileSetting)")
        }
        guard let secret = Secret.fromEnvironment("AWS_SECRET_ACCESS_KEY", environment: environment) else {
            throw S3Error(.credentials, message: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not set or empty")
        }
        return S3Credentials(accessKeyID: id, secretAccessKey: secret, sessionToken: Secret.fromEnvironment("AWS_SESSION_TOKEN", environment: environment))
    }

    /// Reads `[profile]`'s `aws_access_key_id`, `aws_secret_access_key` and optional
    /// `aws_session_token` from an AWS shared-credentials file.
    public static func fromFile(_ path: String, profile: String) throws -> S3Credentials {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw S3Error(.credentials, message: "the credentials file \(path) cannot be read; check the path and its permissions")
        }
        let values = parseINI(String(decoding: data, as: UTF8.self), section: profile)
        guard let id = values["aws_access_key_id"], !id.isEmpty else {
            throw S3Error(.credentials, message: "the credentials file \(path) has no aws_access_key_id in [\(profile)]")
        }
        guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            throw S3Error(.credentials, message: "the credentials file \(path) has no aws_secret_access_key in [\(profile)]")
        }
        let token = values["aws_session_token"].flatMap { $0.isEmpty ? nil : Secret($0) }
        return S3Credentials(accessKeyID: id, secretAccessKey: Secret(secret), sessionToken: token)
    }

    /// `key = value` lines of one `[section]`; `#` and `;` start comments.
    static func parseINI(_ text: String, section wanted: String) -> [String: String] {
        var current: String?
        var out: [String: String] = [:]
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard current == wanted, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            out[key] = value
        }
        return out
    }
}
