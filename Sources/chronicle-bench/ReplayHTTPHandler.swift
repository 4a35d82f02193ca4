import ChronicleCore
import ChronicleTransport
import Foundation
import NIOCore
import NIOHTTP1

/// Answers one connection's requests from a replay tree (``ReplayLayout``), each after the
/// server's fixed latency. A request the tree has no response for gets `404`.
final class ReplayHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let root: String
    private let latency: TimeAmount
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(root: String, latency: TimeAmount) {
        self.root = root
        self.latency = latency
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
            let request = Self.transportRequest(head, body: body)
            let path = root + "/" + ReplayLayout.relativePath(for: request)
            let keepAlive = head.isKeepAlive
            context.eventLoop.assumeIsolated().scheduleTask(in: latency) {
                self.respond(path: path, keepAlive: keepAlive, context: context)
            }
        }
    }

    /// The request as the transport built it: decoded path segments and query items.
    static func transportRequest(_ head: HTTPRequestHead, body: [UInt8]) -> TransportRequest {
        let parts = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? "/"
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { URLEncoding.decode(String($0)) }
        var query: [TransportRequest.QueryItem] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = URLEncoding.decode(String(kv[0]))
                let value = kv.count == 2 ? URLEncoding.decode(String(kv[1])) : ""
                query.append(.init(name, value))
            }
        }
        return TransportRequest(method: head.method.rawValue, path: segments, query: query, body: body.isEmpty ? nil : body)
    }

    private func respond(path: String, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        let status: HTTPResponseStatus
        let payload: [UInt8]
        if let data = FileManager.default.contents(atPath: path) {
            status = .ok
            payload = [UInt8](data)
            headers.add(name: "content-type", value: "application/json")
        } else {
            status = .notFound
            payload = Array(#"{"messages":["not in the replay tree"]}"#.utf8)
            headers.add(name: "content-type", value: "application/json")
        }
        headers.add(name: "content-length", value: String(payload.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if !payload.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: payload)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if !keepAlive { context.close(promise: nil) }
    }
}
