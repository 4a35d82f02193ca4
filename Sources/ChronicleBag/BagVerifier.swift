/// Verifies a Chronicle bag, more strictly than common BagIt validators.
///
/// Checks the exact `bagit.txt`; that all four tag files and `data/` exist
/// and nothing else is at the top level; that manifest lines are well formed,
/// unique and stay inside the bag; the full SHA-256 of every payload file;
/// that no file in `data/` is missing from the manifest and no symlink or
/// special file is there; the tag manifest; `Payload-Oxum`; caller-supplied
/// content inspectors; and the chain to the previous bag in the same parent
/// folder (`Chronicle-Previous-Run`, `Chronicle-Previous-Tagmanifest-SHA256`).
public struct BagVerifier: Sendable {
    /// Inspectors and the relative-path suffix each applies to.
    public let inspectors: [(suffix: String, inspector: any BagPayloadInspector)]

    /// Creates a verifier; each inspector runs on payload files whose path
    /// (relative to the bag) ends with its suffix and whose digest matched.
    public init(inspectors: [(suffix: String, inspector: any BagPayloadInspector)] = []) {
        self.inspectors = inspectors
    }

    /// Verifies the bag at `path`. Never throws: every problem, including
    /// unreadable files, is reported as a `BagDamage`.
    ///
    /// A bag whose `bag-info.txt` holds no `Chronicle-…` field was written by another tool: it
    /// gets RFC 8493's checks only (``BagItVerifier``) and a report of origin `.foreign`, unless
    /// `requireChronicle` (a bag inside an output folder, where only Chronicle writes): then the
    /// missing fields are damage and every check runs.
    public func verify(bagAt path: String, requireChronicle: Bool = false) -> BagVerificationReport {
        if let foreign = Self.isForeign(bagAt: path) {
            if !foreign {
                return verifyChronicleBag(at: path)
            }
            if !requireChronicle { return BagItVerifier().verify(bagAt: path) }
            let report = verifyChronicleBag(at: path)
            let missing = BagDamage(file: BagLayout.bagInfo, problem: "has no Chronicle-… field: this bag was not written by Chronicle, yet it sits where only Chronicle writes")
            return BagVerificationReport(bagPath: path, damages: [missing] + report.damages)
        }
        return verifyChronicleBag(at: path)
    }

    /// Whether the bag's `bag-info.txt` shows another tool wrote it (true), Chronicle (false),
    /// or cannot tell (nil: no readable `bag-info.txt`, which Chronicle's checks report).
    public static func isForeign(bagAt path: String) -> Bool? {
        guard let bytes = try? POSIXIO.readFile(Paths.join(path, BagLayout.bagInfo)) else { return nil }
        let info = BagInfoFile(bytes: bytes)
        guard !info.pairs.isEmpty else { return nil }
        let chronicleField = info.pairs.contains { $0.label.lowercased().hasPrefix("chronicle-") }
        let chronicleAgent = info.values("Bag-Software-Agent").contains { $0.hasPrefix("Chronicle") }
        return !chronicleField && !chronicleAgent
    }

    private func verifyChronicleBag(at path: String) -> BagVerificationReport {
        var damages: [BagDamage] = []
        // Each damage once, in the order found; a set, not a scan of the list (40,000 missing
        // files took 14.7 s that way, and a million never ended).
        var reported = Set<BagDamage>()
        func damage(_ file: String, _ problem: String) {
            let item = BagDamage(file: file, problem: problem)
            if reported.insert(item).inserted { damages.append(item) }
        }

        switch (try? POSIXIO.kind(of: path)) ?? .missing {
        case .directory: break
        case .missing: return BagVerificationReport(bagPath: path, damages: [BagDamage(file: ".", problem: "bag folder does not exist")])
        default: return BagVerificationReport(bagPath: path, damages: [BagDamage(file: ".", problem: "bag path is not a folder")])
        }

        // Top level.
        do {
            for name in try POSIXIO.listDirectory(path) where !BagLayout.topLevel.contains(name) {
                damage(name, "unexpected file or directory at the top level of the bag")
            }
        } catch {
            damage(".", "cannot list the bag folder: \(error)")
        }
        var tagBytes: [String: [UInt8]] = [:]
        for name in [BagLayout.bagitTxt, BagLayout.bagInfo, BagLayout.manifest, BagLayout.tagManifest] {
            let file = Paths.join(path, name)
            switch (try? POSIXIO.kind(of: file)) ?? .other {
            case .missing: damage(name, "required tag file is missing")
            case .regular:
                do { tagBytes[name] = try POSIXIO.readFile(file) } catch { damage(name, "cannot be read: \(error)") }
            default: damage(name, "is not a regular file")
            }
        }
        if let bagit = tagBytes[BagLayout.bagitTxt], bagit != Array(BagLayout.bagitContent.utf8) {
            damage(BagLayout.bagitTxt, "content is not exactly 'BagIt-Version: 1.0' and 'Tag-File-Character-Encoding: UTF-8'")
        }

        // Payload walk.
        let dataPath = Paths.join(path, BagLayout.data)
        var onDisk: [[UInt8]: Int64] = [:]
        var diskBytes: Int64 = 0
        var diskCount = 0
        switch (try? POSIXIO.kind(of: dataPath)) ?? .other {
        case .directory:
            let tree = PayloadTree(walking: dataPath)
            for problem in tree.problems {
                damage(problem.relativePath == "." ? "data/" : "data/" + problem.relativePath, problem.problem)
            }
            for file in tree.files {
                onDisk[Array(("data/" + file.relativePath).utf8)] = file.size
                diskBytes += file.size
                diskCount += 1
            }
        case .missing: damage("data/", "payload directory is missing")
        default: damage("data/", "payload directory is not a folder")
        }

        // Payload manifest.
        var listed = Set<[UInt8]>()
        if let bytes = tagBytes[BagLayout.manifest] {
            let manifest = ManifestFile(bytes: bytes, payload: true)
            for problem in manifest.problems { damage(BagLayout.manifest, problem) }
            for entry in manifest.entries {
                let key = Array(entry.path.utf8)
                listed.insert(key)
                guard onDisk[key] != nil else {
                    damage(entry.path, "listed in manifest-sha256.txt but missing from the bag")
                    continue
                }
                let absolute = Paths.join(path, entry.path)
                do {
                    let actual = try FileDigest.sha256(path: absolute)
                    guard actual.hex == entry.sha256 else {
                        damage(entry.path, "SHA-256 is \(actual.hex), manifest-sha256.txt says \(entry.sha256): content changed")
                        continue
                    }
                } catch {
                    damage(entry.path, "cannot be hashed: \(error)")
                    continue
                }
                for (suffix, inspector) in inspectors where entry.path.hasSuffix(suffix) {
                    do {
                        for problem in try inspector.inspect(fileAt: absolute, relativePath: entry.path) {
                            damage(entry.path, problem)
                        }
                    } catch {
                        damage(entry.path, "inspection failed: \(error)")
                    }
                }
            }
        }
        if tagBytes[BagLayout.manifest] != nil {
            for key in onDisk.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where !listed.contains(key) {
                damage(String(decoding: key, as: UTF8.self), "extra file in data/, not listed in manifest-sha256.txt")
            }
        }

        // Tag manifest.
        if let bytes = tagBytes[BagLayout.tagManifest] {
            let tagManifest = ManifestFile(bytes: bytes, payload: false)
            for problem in tagManifest.problems { damage(BagLayout.tagManifest, problem) }
            var covered = Set<String>()
            for entry in tagManifest.entries {
                covered.insert(entry.path)
                if entry.path == BagLayout.tagManifest {
                    damage(BagLayout.tagManifest, "lists itself")
                    continue
                }
                let file = Paths.join(path, entry.path)
                if let content = tagBytes[entry.path] {
                    let actual = FileDigest.sha256(bytes: content)
                    if actual != entry.sha256 {
                        damage(entry.path, "SHA-256 is \(actual), tagmanifest-sha256.txt says \(entry.sha256): tag file changed")
                    }
                } else if (try? POSIXIO.kind(of: file)) == .missing {
                    damage(entry.path, "listed in tagmanifest-sha256.txt but missing from the bag")
                }
            }
            for name in BagLayout.coveredTagFiles where !covered.contains(name) {
                damage(BagLayout.tagManifest, "does not list \(name)")
            }
        }

        // bag-info: Payload-Oxum and chain.
        if let bytes = tagBytes[BagLayout.bagInfo] {
            let info = BagInfoFile(bytes: bytes)
            for problem in info.problems { damage(BagLayout.bagInfo, problem) }
            let oxum = info.values("Payload-Oxum")
            if oxum.count != 1 {
                damage(BagLayout.bagInfo, oxum.isEmpty ? "has no Payload-Oxum" : "has more than one Payload-Oxum")
            } else if oxum[0] != "\(diskBytes).\(diskCount)" {
                damage(BagLayout.bagInfo, "Payload-Oxum is \(oxum[0]) but data/ holds \(diskBytes) bytes in \(diskCount) files")
            }
            if info.values("Bagging-Date").isEmpty { damage(BagLayout.bagInfo, "has no Bagging-Date") }
            for problem in chainProblems(bagPath: path, info: info) { damage("(chain)", problem) }
        }
        return BagVerificationReport(bagPath: path, damages: damages)
    }

    private func chainProblems(bagPath: String, info: BagInfoFile) -> [String] {
        let runs = info.values(BagChain.previousRunLabel)
        let hashes = info.values(BagChain.previousTagManifestLabel)
        if runs.isEmpty && hashes.isEmpty { return [] }
        guard runs.count == 1, hashes.count == 1 else {
            return ["bag-info.txt must hold exactly one \(BagChain.previousRunLabel) and one \(BagChain.previousTagManifestLabel)"]
        }
        let previous = runs[0]
        let recorded = hashes[0]
        let name = Paths.lastComponent(of: bagPath)
        let parent = Paths.parent(of: bagPath)
        guard RunID.isRunID(name) else {
            return ["bag folder name '\(name)' is not a run id, so its place in the chain cannot be checked"]
        }
        let newestOlder: String?
        do {
            newestOlder = try BagChain.runDirectories(in: parent).last { POSIXIO.bytewiseLess($0, name) }
        } catch {
            return ["cannot list the parent folder \(parent): \(error)"]
        }
        if previous == "none" {
            var problems: [String] = []
            if recorded != "none" { problems.append("\(BagChain.previousTagManifestLabel) is '\(recorded)' but no previous run is named") }
            if let newestOlder {
                problems.append("this bag says it is the first run, but earlier run \(newestOlder) exists in \(parent): it was inserted, or this bag replaced a later one")
            }
            return problems
        }
        guard RunID.isRunID(previous) else { return ["previous run '\(previous)' is not a run id"] }
        guard HexEncoding.isSHA256Hex(recorded) else {
            return ["\(BagChain.previousTagManifestLabel) '\(recorded)' is not a SHA-256 hex digest"]
        }
        guard POSIXIO.bytewiseLess(previous, name) else { return ["previous run \(previous) is not older than this bag \(name)"] }
        let previousPath = Paths.join(parent, previous)
        switch (try? POSIXIO.kind(of: previousPath)) ?? .other {
        case .directory: break
        case .missing: return ["earlier run \(previous) was deleted: \(previousPath) does not exist"]
        default: return ["earlier run \(previous) was replaced: \(previousPath) is not a folder"]
        }
        var problems: [String] = []
        do {
            let actual = try FileDigest.sha256(path: Paths.join(previousPath, BagLayout.tagManifest))
            if actual.hex != recorded {
                problems.append("earlier run \(previous) was replaced or altered: its tagmanifest-sha256.txt has SHA-256 \(actual.hex), this bag recorded \(recorded)")
            }
        } catch {
            problems.append("earlier run \(previous) was altered: its tagmanifest-sha256.txt cannot be read (\(error))")
        }
        if let newestOlder, newestOlder != previous {
            problems.append("run \(newestOlder) lies between the previous run \(previous) and this bag but is not in the chain")
        }
        return problems
    }
}
