/// The files a bag's manifests list, with their SHA-256s: what an upload sends and what a remote
/// verify compares. Reads the same manifest format as ``BagVerifier`` (ManifestFile).
public struct BagManifestEntries: Sendable {
    public struct Entry: Sendable, Hashable {
        /// Relative to the bag: `data/…` or a top-level tag file.
        public let path: String
        /// Lowercase hex.
        public let sha256: String
    }

    public let entries: [Entry]
    /// Problems with the manifest's form (empty for a sound one).
    public let problems: [String]

    /// Parses a `manifest-sha256.txt` (`payload`) or `tagmanifest-sha256.txt`.
    public init(bytes: [UInt8], payload: Bool) {
        let file = ManifestFile(bytes: bytes, payload: payload)
        entries = file.entries.map { Entry(path: $0.path, sha256: $0.sha256) }
        problems = file.problems
    }

    /// The manifest file names, payload first.
    public static let payloadManifest = BagLayout.manifest
    public static let tagManifest = BagLayout.tagManifest
    public static let bagInfo = BagLayout.bagInfo
    public static let bagitTxt = BagLayout.bagitTxt

    /// The value of `label` in a `bag-info.txt`'s bytes (first occurrence), or nil.
    public static func bagInfoValue(_ label: String, in bytes: [UInt8]) -> String? {
        BagInfoFile(bytes: bytes).pairs.first { $0.label.lowercased() == label.lowercased() }?.value
    }
}

extension BagManifestEntries {
    /// `manifest-sha256.txt` (payload) or `tagmanifest-sha256.txt` (tag).
    public static func manifest(tag: Bool) -> String { tag ? tagManifest : payloadManifest }
}
