/// Token usage of one model request. `nil` means the platform did not say: unknown is never zero.
public struct Usage: Sendable, Hashable {
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var cacheReadTokens: Int64?
    public var cacheWriteTokens: Int64?

    public init(inputTokens: Int64? = nil, outputTokens: Int64? = nil, cacheReadTokens: Int64? = nil, cacheWriteTokens: Int64? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
    }

    /// True when no count is known.
    public var isUnknown: Bool {
        inputTokens == nil && outputTokens == nil && cacheReadTokens == nil && cacheWriteTokens == nil
    }
}
