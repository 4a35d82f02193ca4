import ChronicleConfig
import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation

/// Turns a configuration file's `[[source]]` tables into sources with their transports and
/// credentials, for `export --config` and `sources --config` alike; flags override the file.
struct ConfiguredSourceResolver {
    var sourceFlags: SourceFlags
    var pageSize: Int?
    var concurrency: Int?
    var connectTimeout: Int
    var readTimeout: Int
    var maxResponseMB: Int
    /// How each retry is reported on stderr (`--log-format`).
    var retryFormat: LogFormat = .text

    /// Sources from a configuration file; flags (`--concurrency`, `--page-size`, `--agent`) override.
    func plans(_ configuration: Configuration, environment: [String: String]) async throws -> [SourcePlan] {
        var plans: [SourcePlan] = []
        do {
            return try collect(configuration, environment: environment, into: &plans)
        } catch {
            for plan in plans { await plan.transport.shutdown() }
            throw error
        }
    }

    func collect(_ configuration: Configuration, environment: [String: String], into plans: inout [SourcePlan]) throws -> [SourcePlan] {
        if sourceFlags.baseURL != nil || sourceFlags.tokenEnv != nil || sourceFlags.tokenFile != nil {
            throw UsageError("--base-url, --token-env and --token-file describe a --platform source; with --config set them in the file")
        }
        guard !configuration.sources.isEmpty else {
            throw ConfigurationError(file: configuration.file, line: 1, key: "source", message: "no [[source]] is configured")
        }
        for (i, s) in configuration.sources.enumerated() {
            let key = "source[\(i + 1)]"
            var secret: Secret?
            if let env = s.tokenEnv {
                guard let value = Secret.fromEnvironment(env, environment: environment) else {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".token_env", message: "the environment variable \(env) is not set or empty")
                }
                try CredentialChecks.check(value, origin: "\(configuration.file): \(key).token_env \(env)")
                secret = value
            } else if let file = s.tokenFile {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".token_file", message: "\(file) cannot be read")
                }
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".token_file", message: "\(file) is empty") }
                let value = Secret(text)
                try CredentialChecks.check(value, origin: "\(configuration.file): \(key).token_file \(file)")
                CredentialChecks.warnIfShared(file: file)
                secret = value
            }
            var style = AdapterFactory.defaultCredentialStyle(for: s.platform)
            if let auth = s.authStyle, let parsed = Credential.Style(rawValue: auth) { style = parsed }
            let oauth = OAuthSettings(
                clientIDEnv: s.clientIDEnv, clientIDFile: s.clientIDFile, clientSecretEnv: s.clientSecretEnv, clientSecretFile: s.clientSecretFile,
                tokenURL: s.tokenURL, tokenFormat: s.tokenFormat
            )
            if oauth.isGiven {
                guard s.platform == .vectara else {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".client_id_env", message: "OAuth client credentials are for platform vectara")
                }
                if secret != nil {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key, message: "give either an API key (token_env/token_file) or OAuth client credentials (client_id_env, client_secret_env), not both")
                }
            }
            if secret == nil, !oauth.isGiven, !s.baseURL.hasPrefix("file:") {
                throw ConfigurationError(file: configuration.file, line: s.line, key: key, message: "the source needs a credential: token_env or token_file")
            }
            var transport: any Transport
            var options: [String: String] = [:]
            var replayPageSize: Int?
            if s.baseURL.hasPrefix("file:") {
                let dir = SourceResolver.absolute(String(s.baseURL.dropFirst("file:".count)))
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".base_url", message: "the replay folder \(dir) does not exist")
                }
                if let data = FileManager.default.contents(atPath: dir + "/replay.json"), let doc = try? JSONParser.parse([UInt8](data)) {
                    options = try SourceResolver.sampleOptions(doc["options"], file: dir + "/replay.json")
                    replayPageSize = SourceResolver.replayPageSize(doc)
                }
                transport = ReplayTransport(root: dir)
            } else if s.baseURL.hasPrefix("http://") || s.baseURL.hasPrefix("https://") {
                var http = HTTPTransportConfiguration(
                    connectTimeout: .seconds(connectTimeout), readTimeout: .seconds(readTimeout),
                    maxConcurrentRequests: concurrency ?? s.concurrency ?? 4, maxResponseBytes: maxResponseMB << 20
                )
                http.onRetry = RetryLines.printer(source: s.name, format: retryFormat)
                do {
                    transport = try HTTPTransport(baseURL: s.baseURL, configuration: http)
                } catch let error as TransportError {
                    throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".base_url", message: error.detail)
                }
            } else {
                throw ConfigurationError(file: configuration.file, line: s.line, key: key + ".base_url", message: "expected an http(s) URL or file:DIR")
            }
            var oauthCredentials: OAuthClientCredentials?
            if !s.baseURL.hasPrefix("file:") {
                let http = HTTPTransportConfiguration(connectTimeout: .seconds(connectTimeout), readTimeout: .seconds(readTimeout), maxConcurrentRequests: 1)
                do {
                    oauthCredentials = try oauth.resolve(environment: environment, configuration: http) { key + "." + $0 }
                } catch {
                    // Listed so that the caller shuts its transport down with the others'.
                    plans.append(SourcePlan(source: SourceDescriptor(name: s.name, platform: s.platform, baseURL: s.baseURL), transport: transport, credential: nil))
                    throw ConfigurationError(file: configuration.file, line: s.line, key: error.key, message: error.message)
                }
                if let oauthCredentials { transport = TransportWithTokenServer(base: transport, tokenServer: oauthCredentials.tokenTransport) }
            }
            options.merge(s.options) { $1 }
            options.merge(try SourceFlags.options(sourceFlags.sourceOptions)) { $1 }
            let source = SourceDescriptor(
                name: s.name, platform: s.platform, baseURL: s.baseURL, agents: sourceFlags.agents.isEmpty ? s.agents : sourceFlags.agents,
                pageSize: pageSize ?? s.pageSize ?? replayPageSize ?? 100, options: options
            )
            plans.append(SourcePlan(
                source: source, transport: transport, credential: secret.map { Credential(style: style, secret: $0) }, oauth: oauthCredentials,
                concurrency: concurrency ?? s.concurrency ?? 4
            ))
        }
        return plans
    }
}
