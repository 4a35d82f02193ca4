import ArgumentParser
import ChronicleCore
import ChronicleTransport

/// The flags that name one source on the command line, shared by `export` and `sources`.
struct SourceFlags: ParsableArguments {
    @Option(help: "Platform of the source: \(PlatformID.allCases.map(\.rawValue).joined(separator: ", ")).")
    var platform: String?

    @Option(name: .customLong("base-url"), help: "The platform's base URL, or file:DIR for a replay tree.")
    var baseURL: String?

    @Option(name: .customLong("token-env"), help: "Environment variable holding the credential.")
    var tokenEnv: String?

    @Option(name: .customLong("token-file"), help: "File holding the credential.")
    var tokenFile: String?

    @Option(name: .customLong("auth-style"), help: "How to send the credential: bearer, x-api-key or x-user-id (default: the platform's).")
    var authStyle: String?

    @Option(name: .customLong("agent"), help: "Only this agent (repeatable).")
    var agents: [String] = []

    @Option(name: .customLong("client-id-env"), help: "OAuth client credentials (vectara): environment variable holding the client id.")
    var clientIDEnv: String?

    @Option(name: .customLong("client-id-file"), help: "OAuth client credentials (vectara): file holding the client id.")
    var clientIDFile: String?

    @Option(name: .customLong("client-secret-env"), help: "OAuth client credentials (vectara): environment variable holding the client secret.")
    var clientSecretEnv: String?

    @Option(name: .customLong("client-secret-file"), help: "OAuth client credentials (vectara): file holding the client secret.")
    var clientSecretFile: String?

    @Option(name: .customLong("token-url"), help: "OAuth token endpoint (default \(OAuthSettings.defaultTokenURL)).")
    var tokenURL: String?

    @Option(name: .customLong("token-format"), help: "OAuth token request body: form (RFC 6749, what the SDK sends; default) or json.")
    var tokenFormat: String?

    var oauth: OAuthSettings {
        OAuthSettings(
            clientIDEnv: clientIDEnv, clientIDFile: clientIDFile, clientSecretEnv: clientSecretEnv, clientSecretFile: clientSecretFile,
            tokenURL: tokenURL, tokenFormat: tokenFormat
        )
    }

    @Option(
        name: .customLong("source-option"),
        help: "A platform setting NAME=VALUE, as `[source.options]` gives it (repeatable), e.g. server_timezone=Europe/Berlin for agentscope."
    )
    var sourceOptions: [String] = []

    init() {}

    /// `--source-option NAME=VALUE` flags as a dictionary (the last value of a name wins).
    static func options(_ flags: [String]) throws -> [String: String] {
        var options: [String: String] = [:]
        for flag in flags {
            guard let eq = flag.firstIndex(of: "="), eq != flag.startIndex else {
                throw UsageError("--source-option \(flag): expected NAME=VALUE, e.g. server_timezone=Europe/Berlin")
            }
            options[String(flag[..<eq]).trimmingCharacters(in: .whitespaces)] = String(flag[flag.index(after: eq)...])
        }
        return options
    }

    /// A resolver for these flags with the command's own settings.
    func resolver(
        record: String?, samples: String, pageSize: Int?, concurrency: Int, connectTimeout: Int, readTimeout: Int,
        maxResponseBytes: Int = HTTPTransportConfiguration.defaultMaxResponseBytes
    ) -> SourceResolver {
        SourceResolver(
            platform: platform, baseURL: baseURL, tokenEnv: tokenEnv, tokenFile: tokenFile, authStyle: authStyle, agents: agents,
            oauth: oauth, sourceOptions: sourceOptions, record: record, samples: samples, pageSize: pageSize, concurrency: concurrency,
            connectTimeout: connectTimeout, readTimeout: readTimeout, maxResponseBytes: maxResponseBytes
        )
    }
}
