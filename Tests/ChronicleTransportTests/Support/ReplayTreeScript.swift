import ChronicleCore
import ChronicleTransport
import Foundation

/// A loopback-server script that plays a platform from a replay tree: each request's target is
/// decoded back into path segments and query, mapped with ``ReplayLayout`` and answered from the
/// file (and its `.meta`), `404` when the tree has nothing there. Requests without the expected
/// credential get `401`.
enum ReplayTreeScript {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func make(root: String, prefix: String, credential: (name: String, value: String)) -> LoopbackServer.Script {
        { arrival in
            guard arrival.header(credential.name) == credential.value else {
                return .init(status: 401, text: "{\"messages\":[\"missing or bad api key\"]}")
            }
            let parts = arrival.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            var path = String(parts[0])
            guard path.hasPrefix(prefix) else { return .init(status: 404, text: "{}") }
            path.removeFirst(prefix.count)
            let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { URLEncoding.decode(String($0)) }
            var query: [TransportRequest.QueryItem] = []
            if parts.count > 1, !parts[1].isEmpty {
                for pair in parts[1].split(separator: "&") {
                    let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    query.append(.init(URLEncoding.decode(String(kv[0])), kv.count > 1 ? URLEncoding.decode(String(kv[1])) : ""))
                }
            }
            let request = TransportRequest(method: arrival.method, path: segments, query: query, body: arrival.body.isEmpty ? nil : arrival.body)
            let file = root + "/" + ReplayLayout.relativePath(for: request)
            var status = 200
            var contentType = "application/json"
            if let meta = FileManager.default.contents(atPath: file + ".meta"),
                let object = try? JSONSerialization.jsonObject(with: meta) as? [String: Any]
            {
                status = object["status"] as? Int ?? 200
                contentType = (object["headers"] as? [String: String])?["content-type"] ?? contentType
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                return .init(status: status == 200 ? 404 : status, text: "{\"messages\":[\"not found\"]}")
            }
            return .init(status: status, headers: [("content-type", contentType)], body: [UInt8](data))
        }
    }
}
