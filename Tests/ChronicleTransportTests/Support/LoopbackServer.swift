import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on a loopback address (port 0: the system picks one), scripted per
/// request. It records every request's arrival (method, target, headers, time) and answers from
/// the script; after `maxRequests` requests it answers `410` so a runaway client loop stops.
final class LoopbackServer: Sendable {
    /// What the server does with one request.
    struct Reply: Sendable {
        enum Behaviour: Sendable {
            /// Head, whole body, end.
            case normal
            /// Head announcing the whole body, `bytes` of it, then the connection is closed.
            case closeMidBody(after: Int)
            /// Head (announcing the body), then nothing at all.
            case headersThenSilence
        }

        var status: Int = 200
        var headers: [(String, String)] = [("content-type", "application/json")]
        var body: [UInt8] = []
        var delay: Duration? = nil
        var behaviour: Behaviour = .normal

        init(status: Int = 200, headers: [(String, String)] = [("content-type", "application/json")], body: [UInt8] = [],
             delay: Duration? = nil, behaviour: Behaviour = .normal) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.behaviour = behaviour
        }

        init(status: Int = 200, headers: [(String, String)] = [("content-type", "application/json")], text: String,
             behaviour: Behaviour = .normal) {
            self.init(status: status, headers: headers, body: Array(text.utf8), behaviour: behaviour)
        }
    }

    /// One request as it arrived.
    struct Arrival: Sendable {
        var index: Int
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]
        var time: ContinuousClock.Instant

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    typealias Script = @Sendable (Arrival) -> Reply

    let host: String
    let port: Int
    private let channel: any Channel
    private let state: ServerState

    /// `http://host:port`.
    var baseURL: String { "http://\(host):\(port)" }

    var arrivals: [Arrival] { state.arrivals }
    var requestCount: Int { state.arrivals.count }

    private init(host: String, port: Int, channel: any Channel, state: ServerState) {
        self.host = host
        self.port = port
        self.channel = channel
        self.state = state
    }

    /// Starts a server on `host` (a loopback address) answering with `script`.
    static func start(host: String = "127.0.0.1", maxRequests: Int = 64, script: @escaping Script) async throws -> LoopbackServer {
        let state = ServerState(script: script, maxRequests: maxRequests)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(state: state))
                }
            }
            .bind(host: host, port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw TestFailure("the loopback server has no port")
        }
        return LoopbackServer(host: host, port: port, channel: channel, state: state)
    }

    /// Starts a server that answers every request from `replies` in order (the last one repeats).
    static func start(host: String = "127.0.0.1", replies: [Reply]) async throws -> LoopbackServer {
        try await start(host: host) { arrival in
            replies.isEmpty ? Reply(status: 500) : replies[Swift.min(arrival.index, replies.count - 1)]
        }
    }

    func stop() async {
        try? await channel.close()
    }
}
