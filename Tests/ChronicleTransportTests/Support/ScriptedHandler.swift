import NIOCore
import NIOHTTP1

/// Answers one connection's requests from the server's script.
final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: ServerState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(state: ServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body = []
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let head else { return }
            self.head = nil
            let reply = state.record(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body
            )
            if let delay = reply.delay {
                let c = delay.components
                let nanos = c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
                context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanos)) {
                    self.respond(reply, context: context)
                }
            } else {
                respond(reply, context: context)
            }
        }
    }

    private func respond(_ reply: LoopbackServer.Reply, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        if !headers.contains(name: "content-length") {
            headers.add(name: "content-length", value: String(reply.body.count))
        }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        switch reply.behaviour {
        case .normal:
            if !reply.body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .closeMidBody(let n):
            let part = Array(reply.body.prefix(n))
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: part)))), promise: nil)
            context.close(promise: nil)
        case .headersThenSilence:
            context.flush()
        }
    }
}
