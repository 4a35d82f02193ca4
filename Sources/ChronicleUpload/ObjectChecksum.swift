import Crypto
import Foundation

/// SHA-256 checksums as S3 sends and returns them (`x-amz-checksum-sha256`): base64 of the
/// digest; for a multipart object, base64 of the SHA-256 of the parts' digests, then `-N`.
public enum ObjectChecksum {
    /// Base64 of the digest written as lowercase hex (a manifest's); nil for bad hex.
    public static func base64(hex: String) -> String? {
        let chars = Array(hex.utf8)
        guard chars.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var i = 0
        while i < 64 {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        return Data(bytes).base64EncodedString()
    }

    /// Lowercase hex of a base64 SHA-256 (the store's form back to the manifests').
    public static func hex(base64: String) -> String? {
        guard let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        return data.map { String(format: "%02x", $0) }.joined()
    }

    /// The checksum of a multipart object made of parts with these raw digests.
    public static func composite(partDigests: [[UInt8]]) -> String {
        Data(SHA256.hash(data: partDigests.flatMap { $0 })).base64EncodedString() + "-\(partDigests.count)"
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
