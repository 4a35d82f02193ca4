import ChronicleCore
import Crypto

/// Where a replay tree keeps the response to a request. The mapping (documented in docs/replay.md):
///
/// `METHOD /p1/p2?query` → `DIR/e(p1)/e(p2)/METHOD[@Q].json`, where `e` keeps the unreserved
/// characters `[A-Za-z0-9._~-]` of a decoded segment's UTF-8 and writes every other byte as
/// `%XX`, and writes `.` and `..` as `%2E` and `%2E%2E`, the empty segment as `%`, the last `.` of
/// a segment ending in `.json` or `.meta` (any case) as `%2E` (no folder is named like a response
/// file or its sidecar), and a segment
/// whose encoding is over 200 bytes as `%sha256-<first 32 hex of SHA-256 of its UTF-8>`. `Q` is the query, its parameters sorted
/// by name then value, each `e(name)=e(value)`, joined by `&`. A request with a body adds
/// `#<first 16 hex of the body's SHA-256>` to `Q`. A file name over 200 bytes becomes
/// `METHOD@sha256-<first 32 hex of SHA-256 of Q>.json`. An optional sidecar `<file>.meta`
/// (`{"status": 404, "headers": {"content-type": "…"}}`) gives a status and headers; without
/// it the status is 200 and the content type `application/json`.
public enum ReplayLayout {
    /// The path of the response file for `request`, relative to the tree's root.
    public static func relativePath(for request: TransportRequest) -> String {
        var parts = request.pathSegments.map(encodeSegment)
        parts.append(fileName(for: request))
        return parts.joined(separator: "/")
    }

    static func fileName(for request: TransportRequest) -> String {
        let method = request.method.uppercased().filter { $0.isLetter }
        var q = request.query
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\(encodeComponent($0.name))=\(encodeComponent($0.value))" }
            .joined(separator: "&")
        if let body = request.body {
            q += "#" + hex(SHA256.hash(data: body)).prefix(16)
        }
        let name = q.isEmpty ? "\(method).json" : "\(method)@\(q).json"
        if name.utf8.count <= 200 { return name }
        return "\(method)@sha256-\(hex(SHA256.hash(data: Array(q.utf8))).prefix(32)).json"
    }

    /// Encodes one decoded query name or value for a file name.
    static func encodeComponent(_ component: String) -> String {
        URLEncoding.encode(component)
    }

    /// Encodes one decoded path segment as a folder or file name.
    public static func encodeSegment(_ segment: String) -> String {
        if segment == "." { return "%2E" }
        if segment == ".." { return "%2E%2E" }
        if segment.isEmpty { return "%" }
        var encoded = URLEncoding.encode(segment)
        // A folder must never be named like a response file or its sidecar: `GET /x` is
        // `x/GET.json`, so `GET /x/GET.json/…` must not need a folder `x/GET.json`.
        if let dot = encoded.lastIndex(of: "."), ["json", "meta"].contains(encoded[encoded.index(after: dot)...].lowercased()) {
            encoded.replaceSubrange(dot...dot, with: "%2E")
        }
        if encoded.utf8.count <= 200 { return encoded }
        return "%sha256-" + hex(SHA256.hash(data: Array(segment.utf8))).prefix(32)
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }
}
