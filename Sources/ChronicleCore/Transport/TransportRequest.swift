/// One request to a platform, relative to the source's base URL. Path segments and query values
/// are kept decoded; each transport encodes them for its medium.
public struct TransportRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: String
    /// Decoded path segments, e.g. `["agents", "agt_support", "sessions"]`.
    public var pathSegments: [String]
    /// Decoded query parameters in the order the adapter gives them.
    public var query: [QueryItem]
    /// A JSON body (POST), if any.
    public var body: [UInt8]?
    /// Extra headers that carry no secret.
    public var headers: [HeaderField]
    /// The credential, applied by the transport at the moment of sending.
    public var credential: Credential?

    public init(
        method: String = "GET", path: [String], query: [QueryItem] = [], body: [UInt8]? = nil,
        headers: [HeaderField] = [], credential: Credential? = nil
    ) {
        self.method = method
        self.pathSegments = path
        self.query = query
        self.body = body
        self.headers = headers
        self.credential = credential
    }

    /// The path with each segment percent-encoded, starting with `/`.
    public var encodedPath: String {
        "/" + pathSegments.map { URLEncoding.encode($0) }.joined(separator: "/")
    }

    /// The query percent-encoded (`a=1&b=2`), or an empty string.
    public var encodedQuery: String {
        query.map { "\(URLEncoding.encode($0.name))=\(URLEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// `GET /agents?limit=3`: safe to print (credentials never appear in paths or queries).
    public var description: String {
        let q = encodedQuery
        return "\(method) \(encodedPath)\(q.isEmpty ? "" : "?" + q)"
    }

    /// One query parameter.
    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// A header name and value.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Percent-encoding as RFC 3986 defines it for path segments and query components: unreserved
/// characters stay, every other UTF-8 byte becomes `%XX`.
public enum URLEncoding {
    public static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` sequences; `+` is kept as it is. Malformed escapes are kept literally.
    public static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hexValue(bytes[i + 1]), let l = hexValue(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
