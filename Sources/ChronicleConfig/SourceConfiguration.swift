import ChronicleCore

/// One `[[source]]` table.
public struct SourceConfiguration: Sendable, Equatable {
    public var name: String
    public var platform: PlatformID
    public var baseURL: String
    public var tokenEnv: String?
    public var tokenFile: String?
    /// `bearer`, `x-api-key` or `x-user-id`; nil: the platform's default.
    public var authStyle: String?
    public var agents: [String]
    public var concurrency: Int?
    public var pageSize: Int?
    /// Adapter settings by name (numbers and booleans kept as their TOML text).
    public var options: [String: String]
    /// The line of the `[[source]]` header, for messages about the source.
    public var line: Int
    /// OAuth client credentials (vectara): where the client id and secret are read from, the
    /// token endpoint and its request format (`json` or `form`).
    public var clientIDEnv: String?
    public var clientIDFile: String?
    public var clientSecretEnv: String?
    public var clientSecretFile: String?
    public var tokenURL: String?
    public var tokenFormat: String?

    public init(
        name: String, platform: PlatformID, baseURL: String, tokenEnv: String? = nil, tokenFile: String? = nil,
        authStyle: String? = nil, agents: [String] = [], concurrency: Int? = nil, pageSize: Int? = nil,
        options: [String: String] = [:], line: Int = 0
    ) {
        self.name = name
        self.platform = platform
        self.baseURL = baseURL
        self.tokenEnv = tokenEnv
        self.tokenFile = tokenFile
        self.authStyle = authStyle
        self.agents = agents
        self.concurrency = concurrency
        self.pageSize = pageSize
        self.options = options
        self.line = line
    }
}
