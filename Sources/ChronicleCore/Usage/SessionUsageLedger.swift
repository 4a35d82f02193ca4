import Foundation

/// Accumulates one session's model requests as its events stream in, each request once: events
/// repeating a request id add nothing (agent-swarm repeats a message's usage on every streamed
/// line); an event with usage but no request id is a request of its own. Memory is one entry per
/// request id and per day × model, never per event.
public struct SessionUsageLedger: Sendable {
    private let calendar: UsageCalendar
    private var seen: Set<ExactText> = []
    private var dated: [BucketKey: UsageCounts] = [:]
    private var undated: [String: UsageCounts] = [:]

    private struct BucketKey: Hashable, Sendable {
        var day: String
        var model: String
    }

    public init(calendar: UsageCalendar) {
        self.calendar = calendar
    }

    public mutating func add(_ event: Event) {
        guard let usage = event.usage else { return }
        if let id = event.requestID {
            guard seen.insert(ExactText(id)).inserted else { return }
        }
        let model = event.model ?? ""
        if let ms = event.createdAt?.epochMilliseconds {
            dated[BucketKey(day: calendar.day(epochMilliseconds: ms), model: model), default: UsageCounts()].add(usage)
        } else {
            undated[model, default: UsageCounts()].add(usage)
        }
    }

    /// The session's usage. Requests without a readable time go to the session's start day (its
    /// first timestamped event, else its creation time); a session without requests gets one
    /// empty bucket on its start day so that it is counted in `daily.csv`. A platform-reported
    /// cost is the session's cost, spread over its buckets in proportion to their tokens.
    public func finish(session: Session, totals: SessionTotals, prices: PriceTable) -> SessionUsage {
        let startMs = totals.firstEvent?.epochMilliseconds ?? session.createdAt?.epochMilliseconds
        let startDay = startMs.map { calendar.day(epochMilliseconds: $0) } ?? ""
        var merged = dated
        for (model, counts) in undated {
            merged[BucketKey(day: startDay, model: model), default: UsageCounts()].add(counts)
        }
        if merged.isEmpty {
            merged[BucketKey(day: startDay, model: totals.models.first ?? "")] = UsageCounts()
        }
        let keys = merged.keys.sorted { ($0.day, $0.model) < ($1.day, $1.model) }
        var buckets = keys.map { UsageBucket(day: $0.day, model: $0.model, counts: merged[$0] ?? UsageCounts(), cost: .none) }
        var counts = UsageCounts()
        for b in buckets { counts.add(b.counts) }

        if let literal = session.platformCostUSD {
            guard let total = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else {
                for i in buckets.indices { buckets[i].cost = .unknown }
                return SessionUsage(counts: counts, cost: .unknown, buckets: buckets)
            }
            let shares = Self.spread(total, weights: buckets.map { $0.counts.totalTokens ?? 0 }, fallback: buckets.map { Int64($0.counts.requests) })
            for i in buckets.indices { buckets[i].cost = .platform(shares[i]) }
            return SessionUsage(counts: counts, cost: .platform(total), buckets: buckets)
        }
        var cost = UsageCost.none
        for i in buckets.indices {
            buckets[i].cost = prices.cost(of: buckets[i].counts, model: buckets[i].model)
            cost.add(buckets[i].cost)
        }
        return SessionUsage(counts: counts, cost: cost, buckets: buckets)
    }

    /// Splits `total` in proportion to `weights` (else `fallback`, else evenly), each share
    /// rounded to a micro-dollar and the last taking the remainder, so the shares sum to `total`
    /// exactly.
    static func spread(_ total: Decimal, weights: [Int64], fallback: [Int64]) -> [Decimal] {
        guard weights.count > 1 else { return weights.map { _ in total } }
        var w = weights
        if w.reduce(0, &+) <= 0 { w = fallback }
        if w.reduce(0, &+) <= 0 { w = w.map { _ in 1 } }
        let sum = Decimal(w.reduce(0, &+))
        var shares: [Decimal] = []
        var given = Decimal.zero
        for (i, weight) in w.enumerated() {
            if i == w.count - 1 {
                shares.append(total - given)
            } else {
                var exact = total * Decimal(weight) / sum
                var rounded = Decimal.zero
                NSDecimalRound(&rounded, &exact, 6, .plain)
                shares.append(rounded)
                given += rounded
            }
        }
        return shares
    }
}

extension SessionUsageLedger {
    /// `spread` for tests: shares of `total` by `weights`, summing to `total` exactly.
    public static func spreadForTesting(_ total: Decimal, weights: [Int64]) -> [Decimal] {
        spread(total, weights: weights, fallback: weights)
    }
}
