import ChronicleBag
import ChronicleS3
import Crypto
import Foundation

/// Uploads one published bag to `prefix/<source>/<run-id>/<path in bag>`: the payload files in
/// manifest order, then `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt`, and
/// `tagmanifest-sha256.txt` last, so a remote bag with a tag manifest is complete. Each object
/// carries its SHA-256 for the store to check and the Object Lock retention; each is read back
/// by HEAD (size, checksum, retention) before it counts. Objects already there and right are not
/// sent again, so a second call resumes an interrupted upload.
public struct BagUploader: Sendable {
    public let store: any ObjectStore
    public let settings: UploadSettings
    let writes: WriteCounter

    public init(store: any ObjectStore, settings: UploadSettings) {
        self.store = store
        self.settings = settings
        writes = WriteCounter(pauseAfter: settings.pauseAfterWrites)
    }

    /// What became of one bag's upload.
    public struct Outcome: Sendable {
        public var source: String
        public var runID: String
        public var location: String
        public var objects = 0
        public var sent = 0
        public var alreadyPresent = 0
        /// Paths in the bag not (rightly) stored, with why.
        public var missing: [String] = []
        public var failure: S3Error?
        public var isComplete: Bool { missing.isEmpty && failure == nil && objects > 0 }
    }

    struct Item {
        let path: String
        let sha256: String
        let size: Int64
    }

    public func upload(bagDirectory: String, source: String, runID: String, now: Date = Date()) async -> Outcome {
        let prefix = settings.bagPrefix(source: source, runID: runID)
        var outcome = Outcome(source: source, runID: runID, location: "s3://\(store.bucket)/\(prefix)")
        let items: [Item]
        do {
            items = try Self.items(bagDirectory: bagDirectory)
        } catch let error as S3Error {
            outcome.failure = error
            outcome.missing = ["the whole bag"]
            return outcome
        } catch {
            outcome.failure = S3Error(.localFile, message: "\(error)")
            outcome.missing = ["the whole bag"]
            return outcome
        }
        outcome.objects = items.count
        let retainUntil = settings.retainUntilToSend(runID: runID, now: now)
        for (index, item) in items.enumerated() {
            let key = prefix + "/" + item.path
            if index == items.count - 1, !outcome.missing.isEmpty {
                // Never the tag manifest (last) while anything before it is missing.
                outcome.missing.append(item.path)
                return outcome
            }
            do {
                try Task.checkCancellation()
                if try await check(key: key, item: item, runID: runID, localPath: bagDirectory + "/" + item.path) == nil {
                    outcome.alreadyPresent += 1
                    continue
                }
                try await send(item, key: key, localPath: bagDirectory + "/" + item.path, retainUntil: retainUntil)
                outcome.sent += 1
                if let problem = try await check(key: key, item: item, runID: runID, localPath: bagDirectory + "/" + item.path) {
                    outcome.missing.append("\(item.path) (stored, but \(problem))")
                }
            } catch {
                outcome.failure = (error as? S3Error) ?? S3Error(.unreachable, bucket: store.bucket, key: key, message: error is CancellationError ? "interrupted" : "\(error)")
                outcome.missing += items[index...].map(\.path)
                return outcome
            }
        }
        return outcome
    }

    /// The bag's files in upload order, with SHA-256s from its manifests (the tag manifest's
    /// own digest computed).
    static func items(bagDirectory: String) throws -> [Item] {
        func read(_ name: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: bagDirectory + "/" + name) else {
                throw S3Error(.localFile, message: "\(bagDirectory)/\(name) cannot be read; verify the bag (chronicle verify \(bagDirectory))")
            }
            return [UInt8](data)
        }
        let payload = BagManifestEntries(bytes: try read(BagManifestEntries.payloadManifest), payload: true)
        let tags = BagManifestEntries(bytes: try read(BagManifestEntries.tagManifest), payload: false)
        if let problem = (payload.problems + tags.problems).first {
            throw S3Error(.localFile, message: "the manifests of \(bagDirectory) are damaged (\(problem)); verify the bag")
        }
        var items: [Item] = []
        items.reserveCapacity(payload.entries.count + 4)
        for e in payload.entries { items.append(Item(path: e.path, sha256: e.sha256, size: try size(bagDirectory + "/" + e.path))) }
        let order = [BagManifestEntries.bagitTxt, BagManifestEntries.bagInfo, BagManifestEntries.payloadManifest]
        for e in tags.entries.sorted(by: { (order.firstIndex(of: $0.path) ?? 99) < (order.firstIndex(of: $1.path) ?? 99) }) {
            items.append(Item(path: e.path, sha256: e.sha256, size: try size(bagDirectory + "/" + e.path)))
        }
        let tagManifestPath = bagDirectory + "/" + BagManifestEntries.tagManifest
        let digest = try FileDigest.sha256(path: tagManifestPath)
        items.append(Item(path: BagManifestEntries.tagManifest, sha256: digest.hex, size: digest.size))
        return items
    }

    static func size(_ path: String) throws -> Int64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), let n = attributes[.size] as? NSNumber else {
            throw S3Error(.localFile, message: "\(path) is listed in the manifest but cannot be read; verify the bag")
        }
        return n.int64Value
    }

    /// nil when `key` is stored with the item's size and SHA-256 and a retention at least the
    /// run's; otherwise what is wrong.
    func check(key: String, item: Item, runID: String, localPath: String) async throws -> String? {
        guard let head = try await store.head(key: key) else { return "missing" }
        return try Self.problem(head, size: item.size, sha256: item.sha256, settings: settings, runID: runID) {
            try Self.compositeChecksum(path: localPath, partSize: settings.partSize)
        }
    }

    /// What is wrong with a stored object, or nil. `composite` gives the multipart checksum the
    /// local file would have (asked only for a multipart object).
    static func problem(_ head: ObjectHead, size: Int64, sha256: String, settings: UploadSettings, runID: String, composite: () throws -> String) throws -> String? {
        if head.size != size { return "its size is \(head.size), not \(size)" }
        guard let checksum = head.checksumSHA256 else { return "the store has no SHA-256 checksum for it" }
        if checksum != ObjectChecksum.base64(hex: sha256) {
            // A multipart object's checksum is the checksum of its parts' checksums: AWS writes
            // it `<base64>-<parts>`, moto without the suffix. Compared with the local file's.
            let local = try composite()
            if checksum.split(separator: "-").first != local.split(separator: "-").first
                || (checksum.contains("-") && checksum != local)
            {
                return "its SHA-256 \(ObjectChecksum.hex(base64: checksum) ?? checksum) is neither the manifest's \(sha256) nor the multipart checksum of the file"
            }
        }
        if head.lockMode != settings.retentionMode { return "its retention mode is \(head.lockMode?.rawValue ?? "none"), not \(settings.retentionMode.rawValue)" }
        guard let until = head.retainUntil else { return "it has no retain-until date" }
        let required = settings.requiredRetainUntil(runID: runID)
        if until < required.addingTimeInterval(-1) { return "it is retained until \(until), before \(required)" }
        if settings.legalHold, !head.legalHold { return "it has no legal hold" }
        return nil
    }

    func send(_ item: Item, key: String, localPath: String, retainUntil: Date) async throws {
        var options = ObjectWriteOptions(
            lockMode: settings.retentionMode, retainUntil: retainUntil, legalHold: settings.legalHold, storageClass: settings.storageClass,
            metadata: [("chronicle-sha256", item.sha256)]
        )
        if item.size <= Int64(settings.multipartThreshold) {
            guard let data = FileManager.default.contents(atPath: localPath) else {
                throw S3Error(.localFile, key: key, message: "\(localPath) cannot be read")
            }
            options.checksumSHA256 = ObjectChecksum.base64(hex: item.sha256)
            try await store.put(key: key, body: [UInt8](data), options: options)
            try await writes.wrote()
            return
        }
        guard let handle = FileHandle(forReadingAtPath: localPath) else {
            throw S3Error(.localFile, key: key, message: "\(localPath) cannot be read")
        }
        defer { try? handle.close() }
        let uploadID = try await store.createMultipartUpload(key: key, options: options)
        do {
            var parts: [UploadedPart] = []
            var whole = SHA256()
            var number = 0
            while let chunk = try handle.read(upToCount: settings.partSize), !chunk.isEmpty {
                number += 1
                let bytes = [UInt8](chunk)
                whole.update(data: bytes)
                let checksum = Data(SHA256.hash(data: bytes)).base64EncodedString()
                parts.append(try await store.uploadPart(key: key, uploadID: uploadID, number: number, body: bytes, checksumSHA256: checksum))
                try await writes.wrote()
            }
            // The file read now must be the one the manifest describes.
            let hex = whole.finalize().map { String(format: "%02x", $0) }.joined()
            guard hex == item.sha256 else {
                throw S3Error(.localFile, key: key, message: "\(localPath) no longer matches its manifest digest; verify the bag")
            }
            try await store.completeMultipartUpload(key: key, uploadID: uploadID, parts: parts)
        } catch {
            try? await store.abortMultipartUpload(key: key, uploadID: uploadID)
            throw error
        }
        // S3 locks the object with the headers given to CreateMultipartUpload; a store that
        // ignores them there (moto 5.2.6) gets the retention (and hold) set on the new version.
        let head = try await store.head(key: key)
        if head?.lockMode != settings.retentionMode || (head?.retainUntil ?? .distantPast) < retainUntil.addingTimeInterval(-1) {
            try await store.putRetention(key: key, mode: settings.retentionMode, retainUntil: retainUntil)
        }
        if settings.legalHold, head?.legalHold != true { try await store.putLegalHold(key: key) }
    }

    /// The multipart checksum of the file at `path` split in parts of `partSize`.
    static func compositeChecksum(path: String, partSize: Int) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw S3Error(.localFile, message: "\(path) cannot be read") }
        defer { try? handle.close() }
        var digests: [[UInt8]] = []
        while let chunk = try handle.read(upToCount: partSize), !chunk.isEmpty {
            digests.append(Array(SHA256.hash(data: chunk)))
        }
        return ObjectChecksum.composite(partDigests: digests)
    }
}

/// Counts write requests for the test hook that pauses an upload half way.
actor WriteCounter {
    let pauseAfter: Int?
    var count = 0

    init(pauseAfter: Int?) { self.pauseAfter = pauseAfter }

    func wrote() async throws {
        count += 1
        if let pauseAfter, count == pauseAfter {
            FileHandle.standardError.write(Data("chronicle: test hook: upload paused after \(count) writes\n".utf8))
            try await Task.sleep(for: .seconds(600))
        }
    }
}
