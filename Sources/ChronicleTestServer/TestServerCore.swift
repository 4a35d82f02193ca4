import NIOConcurrencyHelpers

/// What a ``TestServer`` shares with its connections: the player (and its dataset, which faults
/// may change), the fault plan and the request log.
final class TestServerCore: Sendable {
    private let player: NIOLockedValueBox<(any PlatformPlayer)?>
    let faults: FaultPlan
    let log: RequestLog

    init(player: (any PlatformPlayer)?, faults: FaultPlan, log: RequestLog) {
        self.player = NIOLockedValueBox(player)
        self.faults = faults
        self.log = log
    }

    var dataset: PlatformDataset? { player.withLockedValue { $0?.dataset } }
    var mountPath: String { player.withLockedValue { $0?.mountPath ?? "" } }

    func mutateDataset(_ body: (inout PlatformDataset) -> Void) {
        player.withLockedValue { p in
            guard var current = p else { return }
            body(&current.dataset)
            p = current
        }
    }

    /// Answers one request and logs it; returns the response and the delay before it.
    func handle(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) -> (PlayerResponse, Duration) {
        let arrival = ContinuousClock.now
        var request = PlayerRequest(method: method, uri: uri, headers: headers, body: body)
        let (response, fault) = player.withLockedValue { p -> (PlayerResponse, Fault?) in
            guard var current = p else {
                // A bare recorder (the other host of a redirect): answers every request alike.
                return (PlayerResponse(status: 200, body: Array("{}".utf8)), nil)
            }
            let mount = current.mountPath.split(separator: "/").map(String.init)
            guard request.components.starts(with: mount) else {
                return (current.respondOutsideMount(to: request) ?? current.error(404, "not found"), nil)
            }
            request.components.removeFirst(mount.count)
            let fault = faults.fault(method: method, components: request.components)
            var options = PlayOptions()
            var response: PlayerResponse
            switch fault {
            case .status(let code, let retryAfter)?:
                response = current.error(code, "injected fault: HTTP \(code)")
                if let retryAfter { response.headers.append(("retry-after", retryAfter)) }
            case .notFound?:
                response = current.error(404, "Session not found (deleted)")
            case .redirect(let origin)?:
                response = PlayerResponse(status: 302, headers: [("location", origin + uri)], body: [])
            case .echoCredential(let code)?:
                response = current.error(code, "invalid request for credential \(current.presentedCredential(request) ?? "none"); check it")
            case .resetMidBody(let n)?:
                response = current.respond(to: request, options: options)
                response.delivery = .resetMidBody(after: min(n, response.body.count / 2))
            case .headersThenSilence?:
                response = current.respond(to: request, options: options)
                response.delivery = .headersThenSilence
            case .repeatCursor?:
                options.repeatCursor = true
                response = current.respond(to: request, options: options)
            case .insertRowAtFront?:
                response = current.respond(to: request, options: options)
                current.dataset.revealLateSession()
                p = current
            case .sessionActivity?:
                response = current.respond(to: request, options: options)
                current.dataset.applyActivity()
                p = current
            case .lyingTotal(let total)?:
                options.lyingTotal = total
                response = current.respond(to: request, options: options)
            case .deleteSessionAfterResponse(let id)?:
                response = current.respond(to: request, options: options)
                current.dataset.delete(sessionID: id)
                p = current
            case nil:
                response = current.respond(to: request, options: options)
            }
            return (response, fault)
        }
        let credentialNames = request.headers.map { $0.name }.filter { LoggedRequest.secretHeaders.contains($0) }
        let query = request.queryString
        let path = request.rawPath
        log.append { index in
            LoggedRequest(
                index: index, method: method, path: path, query: query,
                headers: request.headers.filter { !LoggedRequest.secretHeaders.contains($0.name) },
                credentialHeaders: credentialNames, arrival: arrival, status: response.status, fault: fault
            )
        }
        return (response, faults.latency)
    }
}
