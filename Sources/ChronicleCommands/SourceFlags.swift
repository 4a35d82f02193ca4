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

    init() {}

    /// A resolver for these flags with the command's own settings.
    func resolver(
        record: String?, samples: String, pageSize: Int?, concurrency: Int, connectTimeout: Int, readTimeout: Int,
        maxResponseBytes: Int = HTTPTransportConfiguration.defaultMaxResponseBytes
    ) -> SourceResolver {
        SourceResolver(
            platform: platform, baseURL: baseURL, tokenEnv: tokenEnv, tokenFile: tokenFile, authStyle: authStyle, agents: agents,
            record: record, samples: samples, pageSize: pageSize, concurrency: concurrency,
            connectTimeout: connectTimeout, readTimeout: readTimeout, maxResponseBytes: maxResponseBytes
        )
    }
}
