import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds one BagIt 1.0 bag for one run, crash-safely.
///
/// The bag is assembled in `<sourceDirectory>/.incomplete-<runID>-<random>/`
/// and only appears under its final name `<sourceDirectory>/<runID>` (or
/// `<runID>-01`… if that exists) once every file and directory has been
/// fsynced. A killed run leaves only an `.incomplete-*` folder, which
/// `cleanUpIncomplete(in:)` removes later. Never replaces an existing bag.
///
/// Not thread-safe: one owner calls every method.
public final class BagBuilder {
    private enum State { case open, finished, discarded }

    /// The directory holding all bags of one source.
    public let sourceDirectory: String
    /// The requested run id (the published name may carry a suffix).
    public let runID: String
    /// Value of `Bag-Software-Agent`.
    public let softwareAgent: String
    /// The temporary bag folder, `<sourceDirectory>/.incomplete-<runID>-<random>`.
    public let temporaryPath: String
    /// The payload directory to write into: `<temporaryPath>/data`.
    public var dataDirectory: String { Paths.join(temporaryPath, BagLayout.data) }

    private var state = State.open
    private var registered = RegisteredDigests()

    /// Creates the temporary bag folder and its `data/` directory,
    /// creating `sourceDirectory` if needed.
    public init(sourceDirectory: String, runID: String, softwareAgent: String) throws {
        guard RunID.isRunID(runID) else {
            throw BagError(what: "invalid run id '\(runID)' for bag in", path: sourceDirectory,
                           remedy: "use RunID.make(date:) to name runs")
        }
        self.sourceDirectory = sourceDirectory
        self.runID = runID
        self.softwareAgent = softwareAgent
        do {
            try FileManager.default.createDirectory(atPath: sourceDirectory, withIntermediateDirectories: true)
        } catch {
            throw BagError(what: "cannot create source directory", path: sourceDirectory,
                           remedy: "check free space and permissions, then run again (\(error.localizedDescription))")
        }
        let temporary = Paths.join(sourceDirectory, BagLayout.incompletePrefix + runID + "-" + Paths.randomToken())
        self.temporaryPath = temporary
        guard mkdir(temporary, 0o755) == 0 else {
            throw POSIXIO.error(errno, "cannot create temporary bag folder", temporary, "check free space and permissions, then run again")
        }
        guard mkdir(Paths.join(temporary, BagLayout.data), 0o755) == 0 else {
            let code = errno
            _ = rmdir(temporary)
            throw POSIXIO.error(code, "cannot create payload folder", Paths.join(temporary, BagLayout.data), "check free space and permissions, then run again")
        }
    }

    /// Registers the digest of a payload file the caller hashed while writing
    /// it, so `finalize` does not read it again. `relativePath` is relative to
    /// `dataDirectory` (a leading `data/` is accepted and removed). `finalize`
    /// still checks that the file exists with exactly `size` bytes.
    public func recordDigest(relativePath: String, sha256: String, size: Int64) {
        var path = relativePath
        if path.hasPrefix("data/") { path = String(path.dropFirst(5)) }
        registered.add(path: path, digest: RegisteredDigest(sha256), size: size)
    }

    /// Makes room for `count` registrations whose paths hold `pathBytes` bytes in all (an
    /// estimate: more registrations still fit, at the cost of growing).
    public func reserveDigests(count: Int, pathBytes: Int) {
        registered.reserve(count: count, pathBytes: pathBytes)
    }

    /// Hashes unregistered payload, writes the manifest and tag files, fsyncs
    /// everything and publishes the bag under its final name.
    ///
    /// - Parameters:
    ///   - info: extra `bag-info.txt` pairs, written in order after
    ///     `Bagging-Date`, `Payload-Oxum` and `Bag-Software-Agent`. CR and LF
    ///     in values become spaces.
    ///   - baggingDate: the date written as `Bagging-Date` (UTC).
    /// - Throws: `BagError` if the payload contains a non-regular entry or a
    ///   path with CR, LF, `%` or `\`, a registered digest is malformed or its
    ///   file is missing or of another size, a label is invalid, or any I/O fails.
    ///   On error nothing is published; call `discard()`.
    public func finalize(info: [(String, String)], baggingDate: Date = Date()) throws -> FinishedBag {
        guard state == .open else {
            throw BagError(what: "bag already finalized or discarded:", path: temporaryPath,
                           remedy: "create a new BagBuilder for a new run")
        }
        // The payload is walked in manifest order, and the manifest goes to its file line by line
        // while it is hashed for the tag manifest: neither the list of files nor the manifest is
        // ever held whole. A registered digest is marked when its file is met, so whatever is
        // left unmarked at the end names no file.
        var totalBytes: Int64 = 0
        var fileCount = 0
        var manifestHasher = SHA256()
        let root = temporaryPath
        try POSIXIO.writeNewFile(to: Paths.join(root, BagLayout.manifest), what: "manifest-sha256.txt") { emit in
            var chunk: [UInt8] = []
            try PayloadTree.walk(dataDirectory, file: { file in
                let absolute = Paths.join(dataDirectory, file.relativePath)
                if let problem = BagLayout.unwritablePathProblem(file.relativePath) {
                    throw BagError(what: "payload path \(problem):", path: absolute,
                                   remedy: "name payload files without CR, LF, '%' or '\\' (see SessionDirectoryName); no bag was published")
                }
                let hex: String
                if let known = registered.take(file.relativePath) {
                    guard let knownHex = known.digest.hex else {
                        throw BagError(what: "registered digest '\(known.digest.text)' is not a SHA-256 hex string for", path: absolute,
                                       remedy: "pass the 64-digit hex digest to recordDigest; no bag was published")
                    }
                    guard known.size == file.size else {
                        throw BagError(what: "file size \(file.size) differs from the registered \(known.size) bytes:", path: absolute,
                                       remedy: "the file changed after it was hashed; run again; no bag was published")
                    }
                    hex = knownHex
                } else {
                    let digest = try FileDigest.sha256(path: absolute)
                    guard digest.size == file.size else {
                        throw BagError(what: "file changed while being hashed:", path: absolute,
                                       remedy: "make sure nothing else writes into the bag, then run again; no bag was published")
                    }
                    hex = digest.hex
                }
                totalBytes += file.size
                fileCount += 1
                chunk.append(contentsOf: hex.utf8)
                chunk.append(contentsOf: "  data/".utf8)
                chunk.append(contentsOf: file.relativePath.utf8)
                chunk.append(0x0A)
                if chunk.count >= 1 << 16 {
                    manifestHasher.update(data: chunk)
                    try emit(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }, directory: { _ in }, problem: { relativePath, problem in
                throw BagError(what: "payload entry \(relativePath) \(problem); in", path: dataDirectory,
                               remedy: "write only regular files under data/; no bag was published")
            })
            manifestHasher.update(data: chunk)
            try emit(chunk)
        }
        if let unmet = registered.firstUnmet() {
            let path = Paths.join(dataDirectory, unmet)
            throw BagError(what: "a digest was registered for a file that is not in the payload:", path: path,
                           remedy: "write the file or do not register it; no bag was published")
        }
        registered = RegisteredDigests()
        let manifestSHA256 = HexEncoding.encode(manifestHasher.finalize())

        var bagInfo = "Bagging-Date: \(RunID.baggingDate(baggingDate))\n"
        bagInfo += "Payload-Oxum: \(totalBytes).\(fileCount)\n"
        bagInfo += "Bag-Software-Agent: \(Self.clean(softwareAgent))\n"
        for (label, value) in info {
            try Self.checkLabel(label, in: temporaryPath)
            bagInfo += "\(label): \(Self.clean(value))\n"
        }

        let bagitBytes = Array(BagLayout.bagitContent.utf8)
        let bagInfoBytes = Array(bagInfo.utf8)
        try POSIXIO.writeNewFile(bagitBytes, to: Paths.join(root, BagLayout.bagitTxt), what: "bagit.txt")
        try POSIXIO.writeNewFile(bagInfoBytes, to: Paths.join(root, BagLayout.bagInfo), what: "bag-info.txt")
        let tagManifest = [
            (BagLayout.bagInfo, FileDigest.sha256(bytes: bagInfoBytes)), (BagLayout.bagitTxt, FileDigest.sha256(bytes: bagitBytes)),
            (BagLayout.manifest, manifestSHA256),
        ]
        .sorted { POSIXIO.bytewiseLess($0.0, $1.0) }
        .map { "\($0.1)  \($0.0)\n" }
        .joined()
        let tagManifestBytes = Array(tagManifest.utf8)
        try POSIXIO.writeNewFile(tagManifestBytes, to: Paths.join(root, BagLayout.tagManifest), what: "tagmanifest-sha256.txt")

        // Writers leave payload files unsynced (archives, artifacts): the whole bag is made
        // durable here, with one syncfs where the OS has it, else file by file.
        if !POSIXIO.syncFileSystem(containing: root) {
            let tree = PayloadTree(walking: dataDirectory)
            for file in tree.files {
                try POSIXIO.fsyncPath(Paths.join(dataDirectory, file.relativePath))
            }
            for directory in tree.directories.reversed() {
                try POSIXIO.fsyncPath(directory)
            }
            try POSIXIO.fsyncPath(root)
        }

        var candidates = [runID]
        if runID.utf8.count == 16 {
            candidates += (1...99).map { RunID.withSuffix(runID, $0) }
        }
        for name in candidates {
            let target = Paths.join(sourceDirectory, name)
            switch try POSIXIO.renameNoReplace(from: root, to: target) {
            case .targetExists:
                continue
            case .renamed:
                state = .finished
                try POSIXIO.fsyncPath(sourceDirectory)
                return FinishedBag(path: target, runID: name, tagManifestSHA256: FileDigest.sha256(bytes: tagManifestBytes),
                                   payloadBytes: totalBytes, payloadFiles: fileCount)
            }
        }
        throw BagError(what: "every name from \(runID) to \(runID)-99 is taken in", path: sourceDirectory,
                       remedy: "wait a second and run again; the finished bag is kept at \(root) but was not published")
    }

    /// Removes the temporary bag folder (no effect after a successful finalize).
    public func discard() {
        guard state == .open else { return }
        state = .discarded
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// Removes `.incomplete-*` folders left by killed runs in `sourceDirectory`
    /// and returns their names, sorted. Must not run while another run of the
    /// same source is in progress. A missing `sourceDirectory` yields `[]`.
    public static func cleanUpIncomplete(in sourceDirectory: String) throws -> [String] {
        guard try POSIXIO.kind(of: sourceDirectory) == .directory else { return [] }
        var removed: [String] = []
        for name in try POSIXIO.listDirectory(sourceDirectory) where name.hasPrefix(BagLayout.incompletePrefix) {
            let path = Paths.join(sourceDirectory, name)
            do {
                try FileManager.default.removeItem(atPath: path)
            } catch {
                throw BagError(what: "cannot remove leftover incomplete bag", path: path,
                               remedy: "check permissions and remove it by hand (\(error.localizedDescription))")
            }
            removed.append(name)
        }
        if !removed.isEmpty { try POSIXIO.fsyncPath(sourceDirectory) }
        return removed
    }

    private static func clean(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { ($0 == "\r" || $0 == "\n") ? " " : $0 }))
    }

    private static func checkLabel(_ label: String, in path: String) throws {
        let bad = label.isEmpty || label.unicodeScalars.contains { $0 == ":" || $0 == "\r" || $0 == "\n" }
            || label.first?.isWhitespace == true || label.last?.isWhitespace == true
        if bad {
            throw BagError(what: "invalid bag-info label '\(label)' for", path: path,
                           remedy: "use a label without ':', CR, LF or surrounding spaces; no bag was published")
        }
        if BagLayout.builderLabels.contains(label.lowercased()) {
            throw BagError(what: "bag-info label '\(label)' is written by BagBuilder itself; for", path: path,
                           remedy: "remove it from the info pairs; no bag was published")
        }
    }
}
