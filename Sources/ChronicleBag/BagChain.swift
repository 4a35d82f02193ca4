/// The chain of bags in one source directory: each bag records the run id
/// and tag-manifest SHA-256 of the bag before it, so deleting or replacing
/// an earlier bag is detectable from any later one.
public enum BagChain {
    /// bag-info label naming the previous run (or `none`).
    public static let previousRunLabel = "Chronicle-Previous-Run"
    /// bag-info label holding the previous bag's tag-manifest SHA-256 (or `none`).
    public static let previousTagManifestLabel = "Chronicle-Previous-Tagmanifest-SHA256"

    /// The newest complete bag in `sourceDirectory` (by run-id name order),
    /// ignoring names that are not run ids and `.incomplete-*` folders;
    /// `nil` if there is none or the directory does not exist.
    ///
    /// Throws if the newest run folder has no regular `tagmanifest-sha256.txt`
    /// — a damaged bag must be dealt with before the chain is extended.
    public static func latest(in sourceDirectory: String) throws -> FinishedBagReference? {
        try latest(in: sourceDirectory, before: nil)
    }

    /// The bag-info pairs a new run should record for `previous`.
    public static func infoPairs(previous: FinishedBagReference?) -> [(String, String)] {
        [(previousRunLabel, previous?.runID ?? "none"),
         (previousTagManifestLabel, previous?.tagManifestSHA256 ?? "none")]
    }

    /// Run-id named directories in `sourceDirectory`, sorted bytewise (oldest first). An empty
    /// folder is no bag (a run id's name made by hand, or a reservation left by a crash): it is
    /// passed over, so it blocks neither the chain nor the next run's name.
    public static func runDirectories(in sourceDirectory: String) throws -> [String] {
        guard try POSIXIO.kind(of: sourceDirectory) == .directory else { return [] }
        return try POSIXIO.listDirectory(sourceDirectory).filter { name in
            RunID.isRunID(name) && isBagFolder(Paths.join(sourceDirectory, name))
        }
    }

    /// Whether `path` is a folder with something in it (not a link, not empty).
    public static func isBagFolder(_ path: String) -> Bool {
        guard (try? POSIXIO.kind(of: path)) == .directory else { return false }
        return !((try? POSIXIO.listDirectory(path))?.isEmpty ?? true)
    }

    /// The newest run folder whose name sorts before `before` (all, if nil).
    static func latest(in sourceDirectory: String, before: String?) throws -> FinishedBagReference? {
        let names = try runDirectories(in: sourceDirectory).filter { name in
            guard let before else { return true }
            return POSIXIO.bytewiseLess(name, before)
        }
        guard let newest = names.last else { return nil }
        let path = Paths.join(sourceDirectory, newest)
        let tagManifest = Paths.join(path, BagLayout.tagManifest)
        guard case .regular = try POSIXIO.kind(of: tagManifest) else {
            throw BagError(what: "the newest bag has no regular tagmanifest-sha256.txt:", path: path,
                           remedy: "the bag is damaged; verify it, restore it from a backup or move it out of the folder, then run again")
        }
        let digest = try FileDigest.sha256(path: tagManifest)
        return FinishedBagReference(runID: newest, path: path, tagManifestSHA256: digest.hex)
    }
}
