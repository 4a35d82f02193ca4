import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server answering from a replay tree with a fixed latency per request, for
/// the `--concurrency 1` vs `16` benchmark. Self-contained on purpose: once the shared
/// `ChronicleTestServer` (issue 4) lands, `chronicle-bench serve` can be switched over to it.
struct LatencyReplayServer {
    let root: String
    let latencyMilliseconds: Int64

    /// Binds to 127.0.0.1 on a free port, prints `listening on http://127.0.0.1:PORT`, and serves
    /// until the process is terminated.
    func run() async throws {
        let root = self.root
        let latency = TimeAmount.milliseconds(latencyMilliseconds)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(ReplayHTTPHandler(root: root, latency: latency))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        // Unbuffered, so scripts/bench reads the line at once.
        FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
        try await channel.closeFuture.get()
    }
}
