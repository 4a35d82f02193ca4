import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on a loopback address that plays one platform from a
/// ``PlatformDataset`` (or, without one, only records what reaches it: the other host of a
/// redirect), with a switchable ``FaultPlan`` and a ``RequestLog``.
public final class TestServer: Sendable {
    public let host: String
    public let port: Int
    public let faults: FaultPlan
    public let log: RequestLog
    private let core: TestServerCore
    private let channel: any Channel
    private let connections: NIOLockedValueBox<[any Channel]>

    /// `http://host:port`.
    public var origin: String { "http://\(host):\(port)" }
    /// `http://host:port/<mount path>`: what `--base-url` takes.
    public var baseURL: String { origin + core.mountPath }
    /// The dataset as it is now (faults may have changed it).
    public var dataset: PlatformDataset? { core.dataset }

    private init(host: String, port: Int, core: TestServerCore, channel: any Channel, connections: NIOLockedValueBox<[any Channel]>) {
        self.host = host
        self.port = port
        self.core = core
        self.faults = core.faults
        self.log = core.log
        self.channel = channel
        self.connections = connections
    }

    /// Starts a server for `dataset`'s platform on `host`:`port` (0: the system picks a port).
    public static func start(
        _ dataset: PlatformDataset?, host: String = "127.0.0.1", port: Int = 0, faults: FaultPlan = FaultPlan()
    ) async throws -> TestServer {
        let core = TestServerCore(player: dataset.map(PlayerFactory.player(for:)), faults: faults, log: RequestLog())
        let connections = NIOLockedValueBox<[any Channel]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.withLockedValue { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(TestServerHandler(core: core))
                }
            }
            .bind(host: host, port: port)
            .get()
        guard let bound = channel.localAddress?.port else {
            try? await channel.close()
            throw TestServerError("the server has no port after binding \(host):\(port)")
        }
        return TestServer(host: host, port: bound, core: core, channel: channel, connections: connections)
    }

    /// Changes the dataset while the server runs (e.g. deletes a session after it was listed).
    public func mutateDataset(_ body: (inout PlatformDataset) -> Void) {
        core.mutateDataset(body)
    }

    /// Closes the listening socket and every connection.
    public func stop() async {
        try? await channel.close()
        for connection in connections.withLockedValue({ $0 }) {
            try? await connection.close()
        }
    }
}
