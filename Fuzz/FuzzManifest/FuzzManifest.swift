import ChronicleFuzzSupport

// ManifestFile.swift and HexEncoding.swift are compiled into this target (symbolic links to
// ChronicleBag's files): the parser is internal to ChronicleBag, and this keeps its API as it is.

/// A path as a manifest line writes it (RFC 8493 §2.1.3: `%` → `%25`, CR → `%0D`, LF → `%0A`).
private func encodePath(_ path: String) -> [UInt8] {
    var out: [UInt8] = []
    for b in path.utf8 {
        switch b {
        case 0x25: out += Array("%25".utf8)
        case 0x0D: out += Array("%0D".utf8)
        case 0x0A: out += Array("%0A".utf8)
        default: out.append(b)
        }
    }
    return out
}

/// Input: a mode byte (payload or tag manifest), then the manifest. Invariants: no crash; every
/// entry has a 64-hex digest and a safe, unique path of the right kind; writing the entries
/// again and parsing gives the same entries and no problem.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let payload = input.bool()
    let bytes = input.rest()
    let manifest = ManifestFile(bytes: bytes, payload: payload)
    var seen = Set<[UInt8]>()
    for entry in manifest.entries {
        if !HexEncoding.isSHA256Hex(entry.sha256) { fuzzFailure("digest '\(entry.sha256)' accepted") }
        if let problem = ManifestFile.unsafePathProblem(entry.path, payload: payload) {
            fuzzFailure("path '\(entry.path)' accepted but \(problem)")
        }
        if entry.path.hasPrefix("/") || entry.path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            fuzzFailure("path '\(entry.path)' escapes the bag")
        }
        if payload != entry.path.hasPrefix("data/") { fuzzFailure("path '\(entry.path)' in the wrong kind of manifest") }
        if !seen.insert(Array(entry.path.utf8)).inserted { fuzzFailure("path '\(entry.path)' listed twice") }
    }
    var rewritten: [UInt8] = []
    for entry in manifest.entries {
        rewritten += Array(entry.sha256.utf8) + [0x20] + encodePath(entry.path) + [0x0A]
    }
    let again = ManifestFile(bytes: rewritten, payload: payload)
    if !again.problems.isEmpty { fuzzFailure("rewritten manifest has problems: \(again.problems)") }
    let before = manifest.entries.map { [Array($0.sha256.utf8), Array($0.path.utf8)] }
    let after = again.entries.map { [Array($0.sha256.utf8), Array($0.path.utf8)] }
    if before != after { fuzzFailure("entries changed when written again: \(before.count) vs \(after.count)") }
    return 0
}
