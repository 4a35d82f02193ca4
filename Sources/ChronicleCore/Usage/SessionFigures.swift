import Foundation

/// The figures shown for one session everywhere Chronicle shows them: the transcript's totals,
/// both index pages, `sessions.csv`, run.json and the state store's version records. They are
/// computed once, here, from the session's totals (tool calls, errors) and its usage (requests,
/// tokens and cost, each model request counted once): no page or file adds tokens up on its own.
///
/// Unknown stays unknown: a token count the platform never reported is nil (an empty cell, "—"),
/// never 0, and a cost that cannot be known has no amount.
public struct SessionFigures: Sendable, Hashable, Codable {
    /// Model requests whose usage the platform reported, each counted once.
    public var requests: Int
    public var inputTokens: Int64?
    public var outputTokens: Int64?
    public var cacheReadTokens: Int64?
    public var cacheWriteTokens: Int64?
    public var cost: UsageCost
    /// Tool calls: every tool-call block of every event (an event of kind tool call without
    /// blocks counts as one).
    public var toolCalls: Int
    /// Error events and failed tool results.
    public var errors: Int

    /// The one definition of a session's tokens, named on every page that shows it.
    public static let tokensDefinition = "Tokens = input + output + cache read + cache write"

    public init(
        requests: Int, inputTokens: Int64?, outputTokens: Int64?, cacheReadTokens: Int64?, cacheWriteTokens: Int64?,
        cost: UsageCost, toolCalls: Int, errors: Int
    ) {
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWriteTokens = cacheWriteTokens
        self.cost = cost
        self.toolCalls = toolCalls
        self.errors = errors
    }

    /// The figures of a session from its totals and its usage (the ledger's result).
    public init(totals: SessionTotals, usage: SessionUsage) {
        self.init(
            requests: usage.counts.requests, inputTokens: usage.counts.inputTokens, outputTokens: usage.counts.outputTokens,
            cacheReadTokens: usage.counts.cacheReadTokens, cacheWriteTokens: usage.counts.cacheWriteTokens,
            cost: usage.cost, toolCalls: totals.toolCalls, errors: totals.errors
        )
    }

    /// The figures of totals alone, where no usage ledger ran (the cost is unknown).
    public init(totals t: SessionTotals) {
        self.init(
            requests: t.modelRequests, inputTokens: t.inputTokens, outputTokens: t.outputTokens, cacheReadTokens: t.cacheReadTokens,
            cacheWriteTokens: t.cacheWriteTokens, cost: .unknown, toolCalls: t.toolCalls, errors: t.errors
        )
    }

    public var counts: UsageCounts {
        UsageCounts(requests: requests, inputTokens: inputTokens, outputTokens: outputTokens, cacheReadTokens: cacheReadTokens, cacheWriteTokens: cacheWriteTokens)
    }

    /// ``tokensDefinition``: the sum of the known token counts; nil when none is known.
    public var totalTokens: Int64? { counts.totalTokens }

    /// The cost as a plain decimal literal (`0.023133`), nil when unknown.
    public var costText: String? { cost.amount.map(DecimalText.plain) }

    /// A cost read back from a record (run.json, state): its decimal literal and source word.
    public static func cost(literal: String?, source: String?) -> UsageCost {
        guard let literal, let amount = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
            return .unknown
        }
        switch source {
        case CostSource.platform.rawValue?: return .platform(amount)
        case CostSource.mixed.rawValue?:
            var c = UsageCost.platform(0)
            c.add(.priceTable(amount))
            return c
        default: return .priceTable(amount)
        }
    }
}

