import ChronicleCore
import Crypto
import Foundation

/// AWS Signature Version 4 for the `Authorization` header (no query signing): canonical request,
/// string to sign, signing key and signature, as the AWS SigV4 documentation describes. Pure: the
/// time and the credentials are given; nothing is read from the environment or the clock.
public enum SigV4Signer {
    /// The payload hash of a body that is not signed (sent as `x-amz-content-sha256`).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of the empty body.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// One request to sign. `path` is the decoded path (`/key with spaces`); it is URI-encoded
    /// here once, as S3 wants (every byte except unreserved ones and `/`). `headers` must hold
    /// `host`; `x-amz-date` (and `x-amz-security-token` with a session token) are added.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(name: String, value: String)]
        public var headers: [(name: String, value: String)]
        /// Lowercase hex SHA-256 of the body, or ``SigV4Signer/unsignedPayload``.
        public var payloadHash: String

        public init(method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// The headers to send: the request's, `x-amz-date`, the session token if any and `authorization`.
    public static func sign(
        _ request: Request, accessKeyID: String, secretAccessKey: Secret, sessionToken: Secret? = nil,
        region: String, service: String, date: Date
    ) -> [(name: String, value: String)] {
        let stamp = amzDate(date)
        var headers = request.headers
        headers.append(("x-amz-date", stamp))
        if let sessionToken { sessionToken.withValue { headers.append(("x-amz-security-token", $0)) } }
        var signed = request
        signed.headers = headers
        let canonical = canonicalRequest(signed)
        let scope = "\(String(stamp.prefix(8)))/\(region)/\(service)/aws4_request"
        let toSign = stringToSign(canonicalRequest: canonical, amzDate: stamp, scope: scope)
        let key = signingKey(secretAccessKey: secretAccessKey, day: String(stamp.prefix(8)), region: region, service: service)
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope),SignedHeaders=\(signedHeaderList(headers)),Signature=\(signature)"
        return headers + [("authorization", authorization)]
    }

    /// The canonical request: method, encoded path, sorted query, sorted lowercase headers with
    /// trimmed values (inner runs of spaces made one), the signed header list and the payload hash.
    public static func canonicalRequest(_ r: Request) -> String {
        var pairs: [(String, String)] = []
        for q in r.query { pairs.append((uriEncode(q.name, keepSlash: false), uriEncode(q.value, keepSlash: false))) }
        pairs.sort { (a: (String, String), b: (String, String)) -> Bool in a.0 == b.0 ? a.1 < b.1 : a.0 < b.0 }
        let query = pairs.map { (p: (String, String)) -> String in p.0 + "=" + p.1 }.joined(separator: "&")
        let headers = canonicalHeaders(r.headers)
        let headerLines = headers.map { "\($0.name):\($0.value)\n" }.joined()
        return [r.method, uriEncode(r.path.isEmpty ? "/" : r.path, keepSlash: true), query, headerLines, signedHeaderList(r.headers), r.payloadHash]
            .joined(separator: "\n")
    }

    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(hex(SHA256.hash(data: Array(canonicalRequest.utf8))))"
    }

    /// HMAC chain: `AWS4`+secret → day → region → service → `aws4_request`.
    public static func signingKey(secretAccessKey: Secret, day: String, region: String, service: String) -> SymmetricKey {
        let start = secretAccessKey.withValue { SymmetricKey(data: Array(("AWS4" + $0).utf8)) }
        var key = start
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + "Z"
    }

    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var merged: [String: [String]] = [:]
        for h in headers { merged[h.name.lowercased(), default: []].append(trimValue(h.value)) }
        return merged.keys.sorted().map { ($0, merged[$0, default: []].joined(separator: ",")) }
    }

    static func signedHeaderList(_ headers: [(name: String, value: String)]) -> String {
        Set(headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    /// Leading and trailing spaces removed, inner runs of spaces made one (outside of nothing:
    /// the SigV4 rules apply to quoted strings too).
    static func trimValue(_ value: String) -> String {
        var out = ""
        var lastWasSpace = false
        for c in value.trimmingCharacters(in: .whitespaces) {
            if c == " " {
                if !lastWasSpace { out.append(c) }
                lastWasSpace = true
            } else {
                out.append(c)
                lastWasSpace = false
            }
        }
        return out
    }

    /// RFC 3986 percent-encoding of every byte but `A–Z a–z 0–9 - . _ ~` (and `/` in paths).
    public static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                let digits = Array("0123456789ABCDEF")
                out.append("%")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
        return out
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef")
        var s = ""
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0x0F)])
        }
        return s
    }
}
