import Crypto

/// Verifies any BagIt bag by RFC 8493 alone: the checks that hold for a bag Chronicle did not
/// write (Python's `bagit`, Archivematica, …), where ``BagVerifier``'s Chronicle rules (exactly
/// `BagIt-Version: 1.0`, only SHA-256 manifests, nothing else at the top level, strict gzip,
/// archives that parse, the run chain) do not apply.
///
/// Checks `bagit.txt` (a version and an encoding line); that `data/` exists and holds only
/// regular files and folders; every payload manifest of a supported algorithm (MD5, SHA-1,
/// SHA-256, SHA-384, SHA-512): well-formed lines, paths inside `data/`, full hashes, no file of
/// `data/` missing from it; every tag manifest's listed files and hashes; `Payload-Oxum` when
/// `bag-info.txt` gives one; and that no `fetch.txt` leaves the bag incomplete.
public struct BagItVerifier: Sendable {
    public init() {}

    /// The algorithms a manifest name may carry, with their hex digest lengths.
    static let algorithms: [String: Int] = ["md5": 32, "sha1": 40, "sha256": 64, "sha384": 96, "sha512": 128]

    /// Verifies the bag at `path`. Never throws: every problem is a ``BagDamage``.
    public func verify(bagAt path: String) -> BagVerificationReport {
        var damages: [BagDamage] = []
        var reported = Set<BagDamage>()
        func damage(_ file: String, _ problem: String) {
            let item = BagDamage(file: file, problem: problem)
            if reported.insert(item).inserted { damages.append(item) }
        }
        func report() -> BagVerificationReport { BagVerificationReport(bagPath: path, damages: damages, origin: .foreign) }

        guard (try? POSIXIO.kind(of: path)) == .directory else {
            damage(".", "bag folder does not exist or is not a folder")
            return report()
        }
        let names: [String]
        do { names = try POSIXIO.listDirectory(path) } catch {
            damage(".", "cannot list the bag folder: \(error)")
            return report()
        }

        // bagit.txt: `BagIt-Version: M.N` and `Tag-File-Character-Encoding: …`.
        if let bytes = try? POSIXIO.readFile(Paths.join(path, BagLayout.bagitTxt)) {
            let info = BagInfoFile(bytes: bytes)
            let version = info.values("BagIt-Version")
            if version.count != 1 || !Self.isVersion(version[0]) { damage(BagLayout.bagitTxt, "has no 'BagIt-Version: M.N' line") }
            if info.values("Tag-File-Character-Encoding").count != 1 { damage(BagLayout.bagitTxt, "has no 'Tag-File-Character-Encoding' line") }
        } else {
            damage(BagLayout.bagitTxt, "required tag file is missing or unreadable")
        }
        if names.contains("fetch.txt") {
            damage("fetch.txt", "the bag is not complete: files listed in fetch.txt are still to be fetched")
        }

        // Payload on disk.
        var onDisk: [String: Int64] = [:]
        var diskBytes: Int64 = 0
        let dataPath = Paths.join(path, BagLayout.data)
        if (try? POSIXIO.kind(of: dataPath)) == .directory {
            let tree = PayloadTree(walking: dataPath)
            for problem in tree.problems { damage("data/" + problem.relativePath, problem.problem) }
            for file in tree.files {
                onDisk["data/" + file.relativePath] = file.size
                diskBytes += file.size
            }
        } else {
            damage("data/", "payload directory is missing or not a folder")
        }

        // Payload manifests: every one of a known algorithm is checked in full.
        var checkedManifests = 0
        for name in names.sorted() {
            guard let algorithm = Self.algorithm(of: name, prefix: "manifest-") else { continue }
            guard let length = Self.algorithms[algorithm] else {
                damage(name, "uses the algorithm '\(algorithm)', which Chronicle cannot check (md5, sha1, sha256, sha384 or sha512)")
                continue
            }
            checkedManifests += 1
            var listed = Set<String>()
            for entry in entries(of: name, in: path, hexLength: length, report: damage) {
                if let unsafe = ManifestFile.unsafePathProblem(entry.path, payload: true) {
                    damage(name, "path '\(entry.path)' \(unsafe)")
                    continue
                }
                listed.insert(entry.path)
                guard onDisk[entry.path] != nil else {
                    damage(entry.path, "listed in \(name) but missing from the bag")
                    continue
                }
                check(entry, algorithm: algorithm, manifest: name, bag: path, report: damage)
            }
            for file in onDisk.keys.sorted() where !listed.contains(file) {
                damage(file, "extra file in data/, not listed in \(name)")
            }
        }
        if checkedManifests == 0 { damage("manifest-<algorithm>.txt", "the bag has no payload manifest Chronicle can check") }

        // Tag manifests: the files they list, which may sit in tag folders but never in data/.
        for name in names.sorted() {
            guard let algorithm = Self.algorithm(of: name, prefix: "tagmanifest-") else { continue }
            guard let length = Self.algorithms[algorithm] else {
                damage(name, "uses the algorithm '\(algorithm)', which Chronicle cannot check")
                continue
            }
            for entry in entries(of: name, in: path, hexLength: length, report: damage) {
                if let unsafe = ManifestFile.unsafePathProblem("data/" + entry.path, payload: true) ?? (entry.path.hasPrefix("data/") ? "is a payload file" : nil) {
                    damage(name, "path '\(entry.path)' \(unsafe)")
                    continue
                }
                check(entry, algorithm: algorithm, manifest: name, bag: path, report: damage)
            }
        }

        // Payload-Oxum, when given.
        if let bytes = try? POSIXIO.readFile(Paths.join(path, BagLayout.bagInfo)) {
            let info = BagInfoFile(bytes: bytes)
            for problem in info.problems { damage(BagLayout.bagInfo, problem) }
            let oxum = info.values("Payload-Oxum")
            if oxum.count > 1 { damage(BagLayout.bagInfo, "has more than one Payload-Oxum") }
            if oxum.count == 1, oxum[0] != "\(diskBytes).\(onDisk.count)" {
                damage(BagLayout.bagInfo, "Payload-Oxum is \(oxum[0]) but data/ holds \(diskBytes) bytes in \(onDisk.count) files")
            }
        }
        return report()
    }

    /// `manifest-sha512.txt` → `sha512` for the prefix `manifest-`.
    static func algorithm(of name: String, prefix: String) -> String? {
        guard name.hasPrefix(prefix), name.hasSuffix(".txt"), name.count > prefix.count + 4 else { return nil }
        return String(name.dropFirst(prefix.count).dropLast(4)).lowercased()
    }

    static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// The lines of a manifest: `<hex digest> <path>` (one or more spaces or tabs between).
    private func entries(of name: String, in bag: String, hexLength: Int, report: (String, String) -> Void) -> [(digest: String, path: String)] {
        guard let bytes = try? POSIXIO.readFile(Paths.join(bag, name)), let text = String(validating: bytes, as: UTF8.self) else {
            report(name, "cannot be read as UTF-8 text")
            return []
        }
        var result: [(digest: String, path: String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard let gap = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                report(name, "line \(index + 1) is not '<digest> <path>'")
                continue
            }
            let digest = line[..<gap].lowercased()
            let path = line[gap...].drop { $0 == " " || $0 == "\t" }
            guard digest.count == hexLength, digest.allSatisfy(\.isHexDigit), !path.isEmpty else {
                report(name, "line \(index + 1) is not '<\(hexLength) hex digits> <path>'")
                continue
            }
            result.append((digest, ManifestFile.percentDecode(String(path))))
        }
        return result
    }

    private func check(_ entry: (digest: String, path: String), algorithm: String, manifest: String, bag: String, report: (String, String) -> Void) {
        let file = Paths.join(bag, entry.path)
        do {
            let actual: String
            switch algorithm {
            case "md5": actual = try FileDigest.digest(path: file, using: Insecure.MD5.self).hex
            case "sha1": actual = try FileDigest.digest(path: file, using: Insecure.SHA1.self).hex
            case "sha384": actual = try FileDigest.digest(path: file, using: SHA384.self).hex
            case "sha512": actual = try FileDigest.digest(path: file, using: SHA512.self).hex
            default: actual = try FileDigest.digest(path: file, using: SHA256.self).hex
            }
            if actual != entry.digest {
                report(entry.path, "\(algorithm) is \(actual), \(manifest) says \(entry.digest): content changed")
            }
        } catch {
            report(entry.path, "listed in \(manifest) but cannot be hashed: \(error)")
        }
    }
}
