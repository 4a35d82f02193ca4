import NIOConcurrencyHelpers

/// The faults a ``TestServer`` injects, switchable while it runs, plus a fixed latency added to
/// every response (the benchmark uses 20 ms).
public final class FaultPlan: Sendable {
    private struct State {
        var rules: [(rule: FaultRule, seen: Int)] = []
        var latency: Duration = .zero
    }

    private let state = NIOLockedValueBox(State())

    public init(_ rules: [FaultRule] = [], latency: Duration = .zero) {
        let entries = rules.map { rule in (rule: rule, seen: 0) }
        state.withLockedValue { s in
            s.rules = entries
            s.latency = latency
        }
    }

    /// Adds a rule after the existing ones (the first rule that hits a request wins).
    public func add(_ rule: FaultRule) {
        state.withLockedValue { $0.rules.append((rule, 0)) }
    }

    /// Removes every rule.
    public func clear() {
        state.withLockedValue { $0.rules.removeAll() }
    }

    /// The delay before each response.
    public var latency: Duration {
        get { state.withLockedValue { $0.latency } }
        set { state.withLockedValue { $0.latency = newValue } }
    }

    /// The fault for this request, counting it against every rule it matches.
    func fault(method: String, components: [String]) -> Fault? {
        state.withLockedValue { s in
            var chosen: Fault?
            for i in s.rules.indices where s.rules[i].rule.matches(method: method, components: components) {
                let n = s.rules[i].seen
                s.rules[i].seen += 1
                let rule = s.rules[i].rule
                guard chosen == nil, n >= rule.skip else { continue }
                if let times = rule.times, n - rule.skip >= times { continue }
                chosen = rule.fault
            }
            return chosen
        }
    }
}
