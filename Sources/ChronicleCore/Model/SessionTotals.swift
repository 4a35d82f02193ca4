/// Running totals of one session, accumulated event by event. Each model request is counted once:
/// events that repeat a request id add nothing the second time. Unknown usage stays unknown.
public struct SessionTotals: Sendable, Hashable, Codable {
    public var events = 0
    public var userMessages = 0
    public var assistantMessages = 0
    public var toolCalls = 0
    public var errors = 0
    public var unknownEvents = 0
    public var hiddenEvents = 0
    public var modelRequests = 0
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var cacheReadTokens: Int64?
    public var cacheWriteTokens: Int64?
    public var models: [String] = []
    public var firstEvent: Timestamp?
    public var lastEvent: Timestamp?
    public var artifacts = 0
    public var artifactBytes: Int64 = 0
    private var seenRequests: Set<ExactText> = []

    public init() {}

    public var usageKnown: Bool {
        inputTokens != nil || outputTokens != nil || cacheReadTokens != nil || cacheWriteTokens != nil
    }

    /// Seconds between the first and the last timestamped event.
    public var durationSeconds: Int64? {
        guard let a = firstEvent?.epochMilliseconds, let b = lastEvent?.epochMilliseconds else { return nil }
        return (b - a) / 1000
    }

    public mutating func add(_ event: Event) {
        events += 1
        switch event.kind {
        case .userMessage: userMessages += 1
        case .assistantMessage: assistantMessages += 1
        case .unknown: unknownEvents += 1
        default: break
        }
        // Tool calls are counted from the tool-call blocks of every event (an assistant message
        // may hold text and calls), errors from error events and failed tool results.
        var calls = 0
        var failedResults = 0
        for block in event.blocks {
            switch block {
            case .toolCall: calls += 1
            case .toolResult(_, _, _, let isError) where isError == true: failedResults += 1
            default: break
            }
        }
        toolCalls += calls > 0 ? calls : (event.kind == .toolCall ? 1 : 0)
        errors += max(event.kind == .error ? 1 : 0, failedResults)
        if event.hidden { hiddenEvents += 1 }
        if let t = event.createdAt, t.epochMilliseconds != nil {
            if firstEvent.map({ t < $0 }) ?? true { firstEvent = t }
            if lastEvent.map({ $0 < t }) ?? true { lastEvent = t }
        }
        if let model = event.model, !models.contains(model) { models.append(model) }
        guard let usage = event.usage else { return }
        if let id = event.requestID {
            guard seenRequests.insert(ExactText(id)).inserted else { return }
        }
        modelRequests += 1
        inputTokens = Self.sum(inputTokens, usage.inputTokens)
        outputTokens = Self.sum(outputTokens, usage.outputTokens)
        cacheReadTokens = Self.sum(cacheReadTokens, usage.cacheReadTokens)
        cacheWriteTokens = Self.sum(cacheWriteTokens, usage.cacheWriteTokens)
    }

    public mutating func add(_ artifact: ArtifactReference) {
        guard artifact.state == .stored else { return }
        artifacts += 1
        artifactBytes += artifact.size ?? 0
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
