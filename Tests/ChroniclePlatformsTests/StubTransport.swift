import ChronicleCore
import Foundation

/// Answers requests from a dictionary keyed by `METHOD /path?query` (as
/// ``TransportRequest/description`` prints it) and records what was sent.
final class StubTransport: Transport, @unchecked Sendable {
    struct Reply: Sendable {
        var status: Int
        var body: [UInt8]
        var headers: [HeaderField]

        init(status: Int = 200, _ body: String, headers: [HeaderField] = [HeaderField("content-type", "application/json")]) {
            self.status = status
            self.body = Array(body.utf8)
            self.headers = headers
        }

        init(status: Int = 200, bytes: [UInt8], headers: [HeaderField]) {
            self.status = status
            self.body = bytes
            self.headers = headers
        }
    }

    private let replies: [String: Reply]
    private let lock = NSLock()
    private var sentRequests: [TransportRequest] = []

    init(_ replies: [String: Reply]) {
        self.replies = replies
    }

    var sent: [TransportRequest] {
        lock.withLock { sentRequests }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        lock.withLock { sentRequests.append(request) }
        guard let reply = replies[request.description] else {
            throw TransportError(.notRecorded, request: request.description, detail: "no stub for \(request.description)")
        }
        // Deliver the body in small chunks so streaming code sees record boundaries mid-chunk.
        let chunks = stride(from: 0, to: reply.body.count, by: 7).map { Array(reply.body[$0..<min($0 + 7, reply.body.count)]) }
        let box = ChunkQueue(chunks)
        return TransportResponse(status: reply.status, headers: reply.headers, body: ResponseBody { box.next() })
    }

    func shutdown() async {}
}

/// Hands out chunks one at a time.
final class ChunkQueue: @unchecked Sendable {
    private var chunks: [[UInt8]]
    private let lock = NSLock()

    init(_ chunks: [[UInt8]]) {
        self.chunks = chunks
    }

    func next() -> [UInt8]? {
        lock.withLock { chunks.isEmpty ? nil : chunks.removeFirst() }
    }
}
