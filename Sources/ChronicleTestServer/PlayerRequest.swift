/// One HTTP request as a player sees it: the path below the platform's mount point, split.
public struct PlayerRequest: Sendable {
    public var method: String
    /// The full path as sent (percent-encoded), without the query.
    public var rawPath: String
    /// The path components below the player's mount path, percent-decoded.
    public var components: [String]
    /// Query items, percent-decoded, in order.
    public var query: [(name: String, value: String)]
    /// Header fields as sent (names lowercased).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        rawPath = parts.first.map(String.init) ?? "/"
        components = rawPath.split(separator: "/").map { Self.decode(String($0)) }
        query = []
        if parts.count > 1 {
            for item in parts[1].split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append((Self.decode(String(pair[0])), pair.count > 1 ? Self.decode(String(pair[1])) : ""))
            }
        }
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    /// The first query value named `name`.
    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The first header value named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// The query string as sent, for the request log.
    public var queryString: String {
        query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Percent-decoding (and `+` as space in queries, which clients do not send here).
    static func decode(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
