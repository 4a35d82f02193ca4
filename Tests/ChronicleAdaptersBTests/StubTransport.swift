import ChronicleCore
import Synchronization

/// Answers requests from a dictionary keyed by `GET /path?query`; a key with several answers
/// gives them in turn (the last one repeats). Unknown requests get 404 `{"error": "not found"}`.
final class StubTransport: Transport {
    struct Answer: Sendable {
        var status: Int
        var body: String
        init(_ body: String, status: Int = 200) {
            self.status = status
            self.body = body
        }
    }

    private let answers: [String: [Answer]]
    private let served = Mutex<[String: Int]>([:])

    init(_ answers: [String: [Answer]]) {
        self.answers = answers
    }

    /// The requests served, in order.
    let log = Mutex<[String]>([])

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let key = request.description
        log.withLock { $0.append(key) }
        guard let list = answers[key], !list.isEmpty else {
            return TransportResponse(status: 404, headers: [], body: .bytes(Array(#"{"error": "not found"}"#.utf8)))
        }
        let n = served.withLock { counts -> Int in
            let n = counts[key, default: 0]
            counts[key] = n + 1
            return n
        }
        let answer = list[min(n, list.count - 1)]
        return TransportResponse(status: answer.status, headers: [HeaderField("content-type", "application/json")], body: .bytes(Array(answer.body.utf8)))
    }

    func shutdown() async {}
}
