import ChronicleCore
import ChronicleJSON
import Foundation

/// Answers each request from a recorded response under a replay tree (`--base-url file:DIR`),
/// laid out as ``ReplayLayout`` describes. Never touches the network.
public struct ReplayTransport: Transport {
    public let root: String

    public init(root: String) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let relative = ReplayLayout.relativePath(for: request)
        let path = root + "/" + relative
        var status = 200
        var headers = [HeaderField("content-type", "application/json")]
        if let meta = FileManager.default.contents(atPath: path + ".meta") {
            (status, headers) = try Self.readMeta(Array(meta), path: path + ".meta", request: request)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            if status != 200 {
                return TransportResponse(status: status, headers: headers, body: .bytes([]))
            }
            throw TransportError(
                .notRecorded, request: request.description,
                detail: "the replay tree \(root) has no response at \(relative); record it with `--record` or check the tree"
            )
        }
        let reader = try FileChunkReader(path: path, request: request.description)
        headers.append(HeaderField("content-length", String(reader.size)))
        return TransportResponse(status: status, headers: headers, body: ResponseBody { try reader.next() })
    }

    public func shutdown() async {}

    static func readMeta(_ bytes: [UInt8], path: String, request: TransportRequest) throws -> (Int, [HeaderField]) {
        let bad = TransportError(.io, request: request.description, detail: "\(path) is not a valid replay sidecar: expected {\"status\": N, \"headers\": {…}}")
        guard let value = try? JSONParser.parse(bytes), value.objectMembers != nil else { throw bad }
        var status = 200
        if let s = value["status"] {
            guard let n = s.int64Value, (100...599).contains(n) else { throw bad }
            status = Int(n)
        }
        var headers = [HeaderField]()
        if let h = value["headers"] {
            guard let members = h.objectMembers else { throw bad }
            for m in members {
                guard let v = m.value.stringValue else { throw bad }
                headers.append(HeaderField(m.key.lowercased(), v))
            }
        }
        if !headers.contains(where: { $0.name == "content-type" }) {
            headers.append(HeaderField("content-type", "application/json"))
        }
        return (status, headers)
    }
}
