import Synchronization

/// The script and the request log a ``LoopbackServer`` shares with its connections.
final class ServerState: Sendable {
    let script: LoopbackServer.Script
    let maxRequests: Int
    private let log = Mutex<[LoopbackServer.Arrival]>([])

    init(script: @escaping LoopbackServer.Script, maxRequests: Int) {
        self.script = script
        self.maxRequests = maxRequests
    }

    var arrivals: [LoopbackServer.Arrival] { log.withLock { $0 } }

    /// Logs a request and returns the reply the script gives it (`410` past the budget).
    func record(method: String, uri: String, headers: [(String, String)], body: [UInt8]) -> LoopbackServer.Reply {
        let arrival = log.withLock { log -> LoopbackServer.Arrival in
            let a = LoopbackServer.Arrival(index: log.count, method: method, uri: uri, headers: headers, body: body, time: .now)
            log.append(a)
            return a
        }
        if arrival.index >= maxRequests {
            return LoopbackServer.Reply(status: 410, text: "{\"error\":\"request budget exhausted\"}")
        }
        return script(arrival)
    }
}
