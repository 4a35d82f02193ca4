/// Which requests a fault hits: a method (any when nil) and a path pattern relative to the
/// platform's mount path, where `*` matches one component and a final `**` the rest
/// (`sessions/*/events`, `agents/**`); `skip` matching requests pass first, then `times` are hit
/// (nil: every one after that).
public struct FaultRule: Sendable, Hashable {
    public var fault: Fault
    public var path: String
    public var method: String?
    public var skip: Int
    public var times: Int?

    public init(_ fault: Fault, on path: String, method: String? = nil, skip: Int = 0, times: Int? = 1) {
        self.fault = fault
        self.path = path
        self.method = method
        self.skip = max(0, skip)
        self.times = times
    }

    func matches(method: String, components: [String]) -> Bool {
        if let m = self.method, m.uppercased() != method.uppercased() { return false }
        let pattern = path.split(separator: "/").map(String.init)
        var i = 0
        for (k, p) in pattern.enumerated() {
            if p == "**" && k == pattern.count - 1 { return true }
            guard i < components.count, p == "*" || p == components[i] else { return false }
            i += 1
        }
        return i == components.count
    }
}
