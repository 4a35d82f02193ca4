import ChronicleBag
import ChronicleS3
import Crypto
import Foundation

/// Verifies a bag in object storage without downloading what it does not need: the tag files
/// (small) are read and hashed, the objects listed, and each payload object's size and the
/// store's SHA-256 checksum compared with the manifest, its retention checked. With `deep`, every
/// payload file the inspectors know (the `.json.gz` archives) is streamed, hashed and inspected
/// like a local verify. The run chain is checked against the previous run's remote tag manifest.
public struct RemoteBagVerifier: Sendable {
    public let store: any ObjectStore
    public let inspectors: [(suffix: String, inspector: any BagPayloadInspector)]
    public let deep: Bool

    public init(store: any ObjectStore, inspectors: [(suffix: String, inspector: any BagPayloadInspector)], deep: Bool) {
        self.store = store
        self.inspectors = inspectors
        self.deep = deep
    }

    /// The damages of the bag stored under `bagPrefix` (`prefix/<source>/<run-id>`); empty when
    /// sound. Throws only when the store cannot be asked (an ``S3Error``).
    public func verify(bagPrefix: String, now: Date = Date()) async throws -> [BagDamage] {
        var damages: [BagDamage] = []
        func damage(_ file: String, _ problem: String) { damages.append(BagDamage(file: file, problem: problem)) }
        let base = bagPrefix + "/"
        guard let tagBytes = try await store.getAll(key: base + BagManifestEntries.tagManifest) else {
            damage(BagManifestEntries.tagManifest, "missing: the upload of this bag is incomplete (the tag manifest is sent last) or the prefix is wrong")
            return damages
        }
        let tags = BagManifestEntries(bytes: tagBytes, payload: false)
        for p in tags.problems { damage(BagManifestEntries.tagManifest, p) }
        var tagFiles: [String: [UInt8]] = [:]
        for e in tags.entries {
            guard let bytes = try await store.getAll(key: base + e.path) else {
                damage(e.path, "missing from the store")
                continue
            }
            let hex = Data(SHA256.hash(data: bytes)).map { String(format: "%02x", $0) }.joined()
            if hex != e.sha256 { damage(e.path, "SHA-256 \(hex) is not the tag manifest's \(e.sha256)") }
            tagFiles[e.path] = bytes
        }
        for required in [BagManifestEntries.bagitTxt, BagManifestEntries.bagInfo, BagManifestEntries.payloadManifest] where tags.entries.first(where: { $0.path == required }) == nil {
            damage(required, "not covered by the tag manifest")
        }
        guard let manifestBytes = tagFiles[BagManifestEntries.payloadManifest] else { return damages }
        let manifest = BagManifestEntries(bytes: manifestBytes, payload: true)
        for p in manifest.problems { damage(BagManifestEntries.payloadManifest, p) }

        var listed: [String: Int64] = [:]
        try await store.list(prefix: base) { page in
            for o in page { listed[String(o.key.dropFirst(base.count))] = o.size }
        }
        let known = Set(manifest.entries.map(\.path) + tags.entries.map(\.path) + [BagManifestEntries.tagManifest])
        for path in listed.keys.sorted() where !known.contains(path) { damage(path, "in the store but in no manifest") }

        var payloadBytes: Int64 = 0
        for e in manifest.entries {
            guard listed[e.path] != nil else {
                damage(e.path, "missing from the store")
                continue
            }
            guard let head = try await store.head(key: base + e.path) else {
                damage(e.path, "missing from the store")
                continue
            }
            payloadBytes += head.size
            if let problem = Self.retentionProblem(head, now: now) { damage(e.path, problem) }
            let inspector = inspectors.first { e.path.hasSuffix($0.suffix) }?.inspector
            // A checksum other than the manifest's is either damage or a multipart object's
            // checksum of part checksums (`<base64>-<parts>` on AWS, without the suffix on moto):
            // then the bytes are streamed and hashed, which tells the two apart.
            var stream = false
            if let checksum = head.checksumSHA256 {
                stream = checksum != ObjectChecksum.base64(hex: e.sha256)
            } else {
                damage(e.path, "the store keeps no SHA-256 checksum for it (uploaded without one)")
            }
            if (deep && inspector != nil) || stream {
                damages += try await streamAndInspect(key: base + e.path, path: e.path, sha256: e.sha256, inspector: deep ? inspector : nil)
            }
        }
        for name in [BagManifestEntries.bagitTxt, BagManifestEntries.bagInfo, BagManifestEntries.payloadManifest, BagManifestEntries.tagManifest] {
            if let head = try await store.head(key: base + name), let problem = Self.retentionProblem(head, now: now) { damage(name, problem) }
        }
        if let info = tagFiles[BagManifestEntries.bagInfo] {
            if let oxum = BagManifestEntries.bagInfoValue("Payload-Oxum", in: info) {
                let parts = oxum.split(separator: ".")
                if parts.count == 2, let bytes = Int64(parts[0]), let count = Int(parts[1]), bytes != payloadBytes || count != manifest.entries.count {
                    damage(BagManifestEntries.bagInfo, "Payload-Oxum \(oxum) but the store holds \(payloadBytes) bytes in \(manifest.entries.count) listed files")
                }
            }
            damages += try await chainProblems(bagInfo: info, bagPrefix: bagPrefix)
        }
        return damages
    }

    static func retentionProblem(_ head: ObjectHead, now: Date) -> String? {
        guard let mode = head.lockMode, let until = head.retainUntil else { return "has no Object Lock retention" }
        if until <= now { return "its \(mode.rawValue) retention ended at \(until)" }
        return nil
    }

    /// The previous run named in bag-info must be in the store with the recorded tag-manifest digest.
    func chainProblems(bagInfo: [UInt8], bagPrefix: String) async throws -> [BagDamage] {
        guard let previous = BagManifestEntries.bagInfoValue(BagChain.previousRunLabel, in: bagInfo),
            let digest = BagManifestEntries.bagInfoValue(BagChain.previousTagManifestLabel, in: bagInfo)
        else {
            return [BagDamage(file: BagManifestEntries.bagInfo, problem: "chain: no \(BagChain.previousRunLabel)/\(BagChain.previousTagManifestLabel)")]
        }
        if previous == "none" { return [] }
        guard RunID.isRunID(previous) else { return [BagDamage(file: BagManifestEntries.bagInfo, problem: "chain: '\(previous)' is not a run id")] }
        let parent = bagPrefix.split(separator: "/").dropLast().joined(separator: "/")
        let key = (parent.isEmpty ? "" : parent + "/") + previous + "/" + BagManifestEntries.tagManifest
        guard let bytes = try await store.getAll(key: key) else {
            return [BagDamage(file: BagManifestEntries.bagInfo, problem: "chain: the previous run \(previous) has no tag manifest in the store (s3://\(store.bucket)/\(key)); it was never archived, is incomplete, or was removed")]
        }
        let hex = Data(SHA256.hash(data: bytes)).map { String(format: "%02x", $0) }.joined()
        if hex != digest {
            return [BagDamage(file: BagManifestEntries.bagInfo, problem: "chain: the previous run \(previous)'s remote tag manifest has SHA-256 \(hex), not the recorded \(digest)")]
        }
        return []
    }

    /// Streams an object into a temporary file while hashing it, compares the digest and runs
    /// the inspector on the file; the file is removed after.
    func streamAndInspect(key: String, path: String, sha256: String, inspector: (any BagPayloadInspector)?) async throws -> [BagDamage] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("chronicle-verify-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw S3Error(.localFile, message: "cannot create the temporary file \(temporary) for --deep")
        }
        defer {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
        let sink = HashingSink(handle: handle)
        guard try await store.get(key: key, range: nil, body: { try sink.write($0) }) else {
            return [BagDamage(file: path, problem: "missing from the store")]
        }
        let hex = sink.finish()
        if hex != sha256 { return [BagDamage(file: path, problem: "its bytes in the store have SHA-256 \(hex), not the manifest's \(sha256)")] }
        guard let inspector else { return [] }
        do {
            return try inspector.inspect(fileAt: temporary, relativePath: path).map { BagDamage(file: path, problem: $0) }
        } catch {
            return [BagDamage(file: path, problem: "\(error)")]
        }
    }
}

/// Writes streamed bytes to a file and hashes them.
final class HashingSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle
    private var hasher = SHA256()

    init(handle: FileHandle) { self.handle = handle }

    func write(_ bytes: [UInt8]) throws {
        try lock.withLock {
            hasher.update(data: bytes)
            try handle.write(contentsOf: bytes)
        }
    }

    func finish() -> String {
        lock.withLock { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}
