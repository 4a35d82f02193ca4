@testable import ChronicleBag
import ChronicleCore
@testable import ChronicleExport
import Testing

/// The content digest is compared with the one a previous run stored: its bytes must stay the
/// documented ones (each record's kind, request, bytes and elided member's location, each
/// length-prefixed as a big-endian UInt64) or every unchanged session would be exported again.
@Suite("Content digest")
struct ContentDigestTests {
    @Test func digestIsSHA256OverLengthPrefixedParts() {
        let records = [
            RawRecord(kind: "event", request: "GET /v2/agents/a/sessions/s/events?limit=50", bytes: Array(#"{"id":"e1","text":"héllo"}"#.utf8)),
            RawRecord(kind: "artifact", request: "GET /v2/artifacts/x", bytes: [],
                      elidedMember: .init(key: "content", storedAs: "artifacts/ab.png", encodedLength: 12)),
            RawRecord(kind: "", request: "", bytes: [0, 255], elidedMember: .init(key: "content", storedAs: nil, encodedLength: 0)),
        ]
        var digest = ContentDigest()
        var hashed: [UInt8] = []
        for record in records {
            digest.add(record)
            for part in [Array(record.kind.utf8), Array(record.request.utf8), record.bytes, Array((record.elidedMember?.storedAs ?? "").utf8)] {
                hashed += withUnsafeBytes(of: UInt64(part.count).bigEndian) { Array($0) }
                hashed += part
            }
        }
        #expect(digest.hex() == FileDigest.sha256(bytes: hashed))
        // The same layout hashed by a tool nobody here wrote: Python's hashlib, each part
        // prefixed with `struct.pack(">Q", len(part))` (and the digest f06e53f's code gave).
        #expect(digest.hex() == "ef43850dd23b7f0a6e39c8df09bc8ee70b2cafbca7e074807534327bbe88f085")
    }
}
