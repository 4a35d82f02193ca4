import ChronicleCore
import Crypto

/// SHA-256 over the raw records fetched for one session, in order: each record's kind, request,
/// original bytes and (for an elided member) where its content went, every part length-prefixed.
/// Two fetches of an unchanged session give the same digest; it ignores the listing record, which
/// carries the listing's own view (`updated_at`) and is compared separately.
struct ContentDigest {
    private var hasher = SHA256()

    mutating func add(_ record: RawRecord) {
        part(record.kind)
        part(record.request)
        record.bytes.withUnsafeBytes { part($0) }
        part(record.elidedMember?.storedAs ?? "")
    }

    /// A string's UTF-8, without an array of it per record.
    private mutating func part(_ text: String) {
        var text = text
        text.withUTF8 { part(UnsafeRawBufferPointer($0)) }
    }

    private mutating func part(_ bytes: UnsafeRawBufferPointer) {
        var length = UInt64(bytes.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: bytes)
    }

    func hex() -> String {
        hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

import Foundation
