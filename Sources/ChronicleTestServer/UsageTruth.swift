/// A session's usage with every model request counted once (duplicates the platform repeats
/// across streamed lines or on the session are not added).
public struct UsageTruth: Sendable, Hashable {
    /// Model requests with usage; 0 when the platform reports none.
    public var requests: Int
    /// Summed input tokens; nil when unknown (the platform reports no usage).
    public var inputTokens: Int64?
    public var outputTokens: Int64?

    public init(requests: Int = 0, inputTokens: Int64? = nil, outputTokens: Int64? = nil) {
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    mutating func add(input: Int64, output: Int64) {
        requests += 1
        inputTokens = (inputTokens ?? 0) + input
        outputTokens = (outputTokens ?? 0) + output
    }
}
