/// How much of the model's context window a session fills, as a platform reports it (Vectara's
/// `session_context_usage`): context figures to compare with `modelContextWindow`, **not** billed
/// usage. Never summed into token or cost totals. Nil members are unknown, never zero.
public struct ContextWindowUsage: Sendable, Hashable, Codable {
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var reasoningTokens: Int64?
    public var totalTokens: Int64?
    public var modelContextWindow: Int64?

    public init(inputTokens: Int64? = nil, outputTokens: Int64? = nil, reasoningTokens: Int64? = nil, totalTokens: Int64? = nil, modelContextWindow: Int64? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
        self.totalTokens = totalTokens
        self.modelContextWindow = modelContextWindow
    }

    /// Nothing is known.
    public var isUnknown: Bool {
        inputTokens == nil && outputTokens == nil && reasoningTokens == nil && totalTokens == nil && modelContextWindow == nil
    }
}
