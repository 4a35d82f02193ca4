import ChronicleCore
import ChronicleJSON
import ChroniclePlatforms
import ChronicleTransport
import Foundation

/// Turns the flags that name sources into sources with their transports and credentials, for
/// `export` and `sources` alike: `--platform --base-url (--token-env | --token-file) [--agent]`
/// names one source; without `--platform`, every replay tree under `--samples` is a source.
struct SourceResolver {
    var platform: String?
    var baseURL: String?
    var tokenEnv: String?
    var tokenFile: String?
    var authStyle: String?
    var agents: [String] = []
    var oauth = OAuthSettings()
    /// `--source-option NAME=VALUE` flags; they override a replay tree's options.
    var sourceOptions: [String] = []
    var record: String?
    var samples: String = "samples"
    /// `--page-size`; nil lets a replay tree's `page_size` (else 100) decide.
    var pageSize: Int?
    var concurrency: Int = 4
    var connectTimeout: Int = 10
    var readTimeout: Int = 60
    var maxResponseBytes: Int = HTTPTransportConfiguration.defaultMaxResponseBytes
    /// How each retry is reported on stderr (`--log-format`).
    var retryFormat: LogFormat = .text

    func plans(environment: [String: String]) async throws -> [SourcePlan] {
        guard let platformName = platform else {
            if baseURL != nil || tokenEnv != nil || tokenFile != nil || !agents.isEmpty || record != nil || oauth.isGiven {
                throw UsageError("--base-url, --token-env, --token-file, --agent and --record need --platform")
            }
            return try samplePlans()
        }
        guard let platformID = PlatformID(rawValue: platformName) else {
            throw UsageError("--platform '\(platformName)' is not known; use one of \(PlatformID.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let baseURL else { throw UsageError("--platform needs --base-url (an http(s) URL or file:DIR)") }
        let flagOptions = try SourceFlags.options(sourceOptions)
        if tokenEnv != nil, tokenFile != nil { throw UsageError("give either --token-env or --token-file, not both") }
        if oauth.isGiven {
            guard platformID == .vectara else { throw UsageError("--client-id-env, --client-secret-env, --token-url and the like are for --platform vectara") }
            if tokenEnv != nil || tokenFile != nil { throw UsageError("give either an API key (--token-env/--token-file) or OAuth client credentials (--client-id-env, --client-secret-env), not both") }
        }
        var secret: Secret?
        if let tokenEnv {
            guard let s = Secret.fromEnvironment(tokenEnv, environment: environment) else {
                throw UsageError("--token-env \(tokenEnv): the environment variable is not set or empty")
            }
            try CredentialChecks.check(s, origin: "--token-env \(tokenEnv)")
            secret = s
        } else if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw UsageError("--token-file \(tokenFile): the file cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw UsageError("--token-file \(tokenFile): the file is empty") }
            let s = Secret(text)
            try CredentialChecks.check(s, origin: "--token-file \(tokenFile)")
            CredentialChecks.warnIfShared(file: tokenFile)
            secret = s
        }
        var style = AdapterFactory.defaultCredentialStyle(for: platformID)
        if let authStyle {
            guard let s = Credential.Style(rawValue: authStyle) else { throw UsageError("--auth-style must be bearer, x-api-key or x-user-id") }
            style = s
        }
        if secret == nil, !oauth.isGiven, !baseURL.hasPrefix("file:") {
            throw UsageError("source '\(platformID)' needs a credential: --token-env VAR or --token-file FILE")
        }
        var transport: any Transport
        var options: [String: String] = [:]
        var replayPageSize: Int?
        if baseURL.hasPrefix("file:") {
            let dir = String(baseURL.dropFirst("file:".count))
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw UsageError("--base-url \(baseURL): the replay folder \(dir) does not exist")
            }
            transport = ReplayTransport(root: dir)
            // The recorded requests depend on the tree's adapter options (e.g. a history limit)
            // and on its page size (the `limit` of each recorded listing).
            if let data = FileManager.default.contents(atPath: dir + "/replay.json"), let doc = try? JSONParser.parse([UInt8](data)) {
                options = try Self.sampleOptions(doc["options"], file: dir + "/replay.json")
                replayPageSize = Self.replayPageSize(doc)
            }
        } else if baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") {
            var configuration = HTTPTransportConfiguration(
                connectTimeout: .seconds(connectTimeout), readTimeout: .seconds(readTimeout), maxConcurrentRequests: concurrency,
                maxResponseBytes: maxResponseBytes
            )
            configuration.onRetry = RetryLines.printer(source: platformID.rawValue, format: retryFormat)
            do {
                transport = try HTTPTransport(baseURL: baseURL, configuration: configuration)
            } catch let error as TransportError {
                // The URL is not echoed: it might carry user info.
                throw UsageError("--base-url: \(error.detail)")
            }
        } else {
            throw UsageError("--base-url \(baseURL): expected an http(s) URL or file:DIR")
        }
        var oauthCredentials: OAuthClientCredentials?
        if !baseURL.hasPrefix("file:") {
            let configuration = HTTPTransportConfiguration(connectTimeout: .seconds(connectTimeout), readTimeout: .seconds(readTimeout), maxConcurrentRequests: 1)
            do {
                oauthCredentials = try oauth.resolve(environment: environment, configuration: configuration) { "--" + $0.replacingOccurrences(of: "_", with: "-") }
            } catch {
                await transport.shutdown()
                throw UsageError("\(error.key): \(error.message)")
            }
            if let oauthCredentials { transport = TransportWithTokenServer(base: transport, tokenServer: oauthCredentials.tokenTransport) }
        }
        options.merge(flagOptions) { $1 }
        if let record {
            do {
                transport = try RecordingTransport(
                    wrapping: transport, root: Self.absolute(record), platform: platformID.rawValue,
                    sourceName: platformID.rawValue, pageSize: pageSize ?? replayPageSize ?? 100, options: options
                )
            } catch let error as TransportError {
                await transport.shutdown()
                throw UsageError("--record \(record): \(error.detail)")
            }
        }
        let source = SourceDescriptor(name: platformID.rawValue, platform: platformID, baseURL: baseURL, agents: agents, pageSize: pageSize ?? replayPageSize ?? 100, options: options)
        return [SourcePlan(source: source, transport: transport, credential: secret.map { Credential(style: style, secret: $0) }, oauth: oauthCredentials)]
    }

    /// Every `<samples>/<dir>/replay.json` becomes a source: `{"platform": "vectara", "source":
    /// "vectara-sample", "page_size": 3}`, optionally with `"options": {"history_limit": "5"}`
    /// (adapter settings; string or number values).
    func samplePlans() throws -> [SourcePlan] {
        let fm = FileManager.default
        let root = Self.absolute(samples)
        guard let entries = try? fm.contentsOfDirectory(atPath: root) else {
            throw UsageError("no --platform given and no samples folder at \(root): give --platform, --base-url and --token-env, or --samples DIR")
        }
        var plans: [SourcePlan] = []
        for entry in entries.sorted() {
            let dir = root + "/" + entry
            guard let data = fm.contents(atPath: dir + "/replay.json") else { continue }
            guard let doc = try? JSONParser.parse([UInt8](data)), let p = doc["platform"]?.stringValue, let platformID = PlatformID(rawValue: p) else {
                throw UsageError("\(dir)/replay.json: expected {\"platform\": \"<id>\", \"source\": \"<name>\", \"page_size\": N}")
            }
            let name = doc["source"]?.stringValue ?? "\(p)-sample"
            let size = pageSize ?? Self.replayPageSize(doc) ?? 100
            let options = try Self.sampleOptions(doc["options"], file: dir + "/replay.json")
            let source = SourceDescriptor(
                name: name, platform: platformID, baseURL: "file:" + dir,
                agents: doc["agents"]?.arrayValue?.compactMap(\.stringValue) ?? [], pageSize: size, options: options
            )
            plans.append(SourcePlan(source: source, transport: ReplayTransport(root: dir), credential: nil))
        }
        guard !plans.isEmpty else { throw UsageError("\(root) holds no replay tree (a folder with replay.json)") }
        return plans
    }

    /// A replay tree's `page_size` (the `limit` its listings were recorded with), when valid.
    static func replayPageSize(_ doc: JSONValue) -> Int? {
        guard let size = doc["page_size"]?.int64Value, (1...1000).contains(size) else { return nil }
        return Int(size)
    }

    /// Reads a replay tree's optional `options` object: each member a string or a number.
    static func sampleOptions(_ value: JSONValue?, file: String) throws -> [String: String] {
        guard let value, !value.isNull else { return [:] }
        guard let members = value.objectMembers else {
            throw UsageError("\(file): \"options\" should be an object of strings or numbers")
        }
        var options: [String: String] = [:]
        for member in members {
            switch member.value {
            case .string(let text): options[member.key] = text
            case .number(let literal): options[member.key] = literal
            default: throw UsageError("\(file): option '\(member.key)' should be a string or a number")
            }
        }
        return options
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return url.standardizedFileURL.path
    }
}
