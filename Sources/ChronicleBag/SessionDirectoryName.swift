import Crypto

/// Turns an arbitrary platform session id into a safe folder name.
///
/// Format guarantee: the mapping is deterministic and will never change —
/// the same id yields the same name in every run and every version of
/// Chronicle, so folders of earlier bags can be matched to later ones.
///
/// The name is a readable slug of the id (ASCII letters and digits lowercased,
/// every other run of characters replaced by a single `-`, trimmed of `-`,
/// truncated to 60 bytes) followed by `-` and the first 16 hex digits of the
/// SHA-256 of the id's UTF-8 bytes; an id with an empty slug gets the 16 hex
/// digits alone. Hence the name:
/// - contains only `[a-z0-9-]` (a subset of `[a-z0-9._-]`),
/// - never starts with `.` or `-`, never contains `%`, CR or LF,
/// - is at most 77 bytes long,
/// - is never a reserved Windows device name (it always ends in a hash),
/// - differs for ids with different bytes (up to a 64-bit hash collision),
///   also on case-insensitive or Unicode-normalising filesystems, since the
///   name is pure lowercase ASCII and the hash covers the exact bytes.
public enum SessionDirectoryName {
    /// Maximum length of the readable slug part, in bytes.
    public static let maximumSlugLength = 60
    /// Number of hex digits of the SHA-256 kept in the name.
    public static let hashLength = 16

    /// Returns the folder name for the session id `id`.
    public static func make(forID id: String) -> String {
        let digest = SHA256.hash(data: Array(id.utf8))
        let hash = String(HexEncoding.encode(digest).prefix(hashLength))
        let slug = makeSlug(id)
        return slug.isEmpty ? hash : slug + "-" + hash
    }

    private static func makeSlug(_ id: String) -> String {
        var out: [UInt8] = []
        var pendingDash = false
        for byte in id.utf8 {
            let lowered: UInt8?
            switch byte {
            case 0x30...0x39, 0x61...0x7A: lowered = byte
            case 0x41...0x5A: lowered = byte + 0x20
            default: lowered = nil
            }
            if let lowered {
                if pendingDash && !out.isEmpty { out.append(0x2D) }
                pendingDash = false
                out.append(lowered)
                if out.count >= maximumSlugLength { break }
            } else {
                pendingDash = true
            }
        }
        if out.count > maximumSlugLength { out.removeLast(out.count - maximumSlugLength) }
        while out.last == 0x2D { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
