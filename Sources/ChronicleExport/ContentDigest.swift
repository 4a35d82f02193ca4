import ChronicleCore
import Crypto

/// SHA-256 over the raw records fetched for one session, in order: each record's kind, request,
/// original bytes and (for an elided member) where its content went, every part length-prefixed.
/// Two fetches of an unchanged session give the same digest; it ignores the listing record, which
/// carries the listing's own view (`updated_at`) and is compared separately.
struct ContentDigest {
    private var hasher = SHA256()

    mutating func add(_ record: RawRecord) {
        part(Array(record.kind.utf8))
        part(Array(record.request.utf8))
        part(record.bytes)
        part(Array((record.elidedMember?.storedAs ?? "").utf8))
    }

    private mutating func part(_ bytes: [UInt8]) {
        var length = UInt64(bytes.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        hasher.update(data: bytes)
    }

    func hex() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

import Foundation
