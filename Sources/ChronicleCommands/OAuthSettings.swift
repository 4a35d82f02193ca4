import ChronicleCore
import ChronicleTransport
import Foundation

/// Where a source's OAuth client credentials come from (`--client-id-env`/`--client-id-file`,
/// `--client-secret-env`/`--client-secret-file`, `--token-url`, `--token-format`; the same keys
/// without dashes in a `[[source]]` table). Secrets are read from the environment or a file only.
struct OAuthSettings {
    static let defaultTokenURL = "https://auth.vectara.io/oauth2/token"

    var clientIDEnv: String?
    var clientIDFile: String?
    var clientSecretEnv: String?
    var clientSecretFile: String?
    var tokenURL: String?
    var tokenFormat: String?

    /// Whether any OAuth setting is given.
    var isGiven: Bool {
        clientIDEnv != nil || clientIDFile != nil || clientSecretEnv != nil || clientSecretFile != nil || tokenURL != nil || tokenFormat != nil
    }

    /// A problem with the settings; `key` names the flag or configuration key.
    struct Problem: Error {
        var key: String
        var message: String
    }

    /// The credentials with a transport to the token endpoint (nil when no setting is given).
    /// `names` turns a setting's name (`client_secret_env`) into how the user wrote it.
    func resolve(
        environment: [String: String], configuration: HTTPTransportConfiguration, names: (String) -> String
    ) throws(Problem) -> OAuthClientCredentials? {
        guard isGiven else { return nil }
        let id = try secret(env: clientIDEnv, file: clientIDFile, what: "client_id", environment: environment, names: names)
        let secret = try secret(env: clientSecretEnv, file: clientSecretFile, what: "client_secret", environment: environment, names: names)
        let format: OAuthClientCredentials.BodyFormat
        if let tokenFormat {
            guard let f = OAuthClientCredentials.BodyFormat(rawValue: tokenFormat) else {
                throw Problem(key: names("token_format"), message: "'\(tokenFormat)' is not a token request format; use form (the SDK's) or json")
            }
            format = f
        } else {
            format = .form
        }
        let url = tokenURL ?? Self.defaultTokenURL
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http",
            parsed.host != nil, parsed.user == nil, parsed.password == nil, parsed.query == nil, parsed.fragment == nil
        else {
            throw Problem(key: names("token_url"), message: "expected an http(s) URL with a host and a path, without user info, query or fragment")
        }
        var segments = parsed.path.split(separator: "/").map(String.init)
        guard let last = segments.popLast() else {
            throw Problem(key: names("token_url"), message: "the token URL needs a path (e.g. \(Self.defaultTokenURL))")
        }
        var origin = scheme + "://" + (parsed.host ?? "")
        if let port = parsed.port { origin += ":\(port)" }
        let base = origin + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        let transport: HTTPTransport
        do {
            transport = try HTTPTransport(baseURL: base, configuration: configuration)
        } catch {
            throw Problem(key: names("token_url"), message: (error as? TransportError)?.detail ?? "\(error)")
        }
        return OAuthClientCredentials(
            clientID: id, clientSecret: secret, tokenTransport: transport, tokenPath: [last], tokenURL: url, bodyFormat: format
        )
    }

    private func secret(
        env: String?, file: String?, what: String, environment: [String: String], names: (String) -> String
    ) throws(Problem) -> Secret {
        if env != nil, file != nil {
            throw Problem(key: names("\(what)_file"), message: "give either \(names("\(what)_env")) or \(names("\(what)_file")), not both")
        }
        if let env {
            guard let value = Secret.fromEnvironment(env, environment: environment) else {
                throw Problem(key: names("\(what)_env"), message: "the environment variable \(env) is not set or empty")
            }
            guard !value.containsControlCharacters else {
                throw Problem(key: names("\(what)_env"), message: "the \(what) contains a control character; fix it and run again (its value is not shown)")
            }
            return value
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw Problem(key: names("\(what)_file"), message: "\(file) cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw Problem(key: names("\(what)_file"), message: "\(file) is empty") }
            let value = Secret(text)
            guard !value.containsControlCharacters else {
                throw Problem(key: names("\(what)_file"), message: "the \(what) in \(file) contains a control character; fix it and run again (its value is not shown)")
            }
            CredentialChecks.warnIfShared(file: file)
            return value
        }
        throw Problem(key: names("\(what)_env"), message: "OAuth client credentials need the \(what): give \(names("\(what)_env")) or \(names("\(what)_file"))")
    }
}
