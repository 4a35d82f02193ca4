/// Model requests and their token counts, summed. A count stays `nil` (unknown) until some request
/// reports it: unknown is never zero.
public struct UsageCounts: Sendable, Hashable, Codable {
    /// Requests whose usage the platform reported, each counted once.
    public var requests = 0
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var cacheReadTokens: Int64?
    public var cacheWriteTokens: Int64?

    public init(
        requests: Int = 0, inputTokens: Int64? = nil, outputTokens: Int64? = nil,
        cacheReadTokens: Int64? = nil, cacheWriteTokens: Int64? = nil
    ) {
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    /// The sum of the known token counts; nil when none is known.
    public var totalTokens: Int64? {
        let known = [inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens].compactMap { $0 }
        return known.isEmpty ? nil : known.reduce(0, &+)
    }

    /// Adds one model request.
    public mutating func add(_ usage: Usage) {
        requests += 1
        inputTokens = Self.sum(inputTokens, usage.inputTokens)
        outputTokens = Self.sum(outputTokens, usage.outputTokens)
        cacheReadTokens = Self.sum(cacheReadTokens, usage.cacheReadTokens)
        cacheWriteTokens = Self.sum(cacheWriteTokens, usage.cacheWriteTokens)
    }

    /// Adds another sum of requests.
    public mutating func add(_ other: UsageCounts) {
        requests += other.requests
        inputTokens = Self.sum(inputTokens, other.inputTokens)
        outputTokens = Self.sum(outputTokens, other.outputTokens)
        cacheReadTokens = Self.sum(cacheReadTokens, other.cacheReadTokens)
        cacheWriteTokens = Self.sum(cacheWriteTokens, other.cacheWriteTokens)
    }

    static func sum(_ a: Int64?, _ b: Int64?) -> Int64? {
        switch (a, b) {
        case let (x?, y?): return x &+ y
        case let (x?, nil): return x
        case let (nil, y?): return y
        case (nil, nil): return nil
        }
    }
}
