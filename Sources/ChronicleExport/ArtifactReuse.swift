import ChronicleArtifacts
import ChronicleCore
import Foundation

/// Finds artifacts that committed bags of the source already hold (through the state store) and
/// copies their bytes into the bag being built, checking size and SHA-256 as they are copied: a
/// later run never downloads bytes it already has, and every bag stays self-contained and
/// verifiable on its own.
struct ArtifactReuse: Sendable {
    let store: any StateStore
    let source: String
    /// `<out>/<source>`: where the earlier runs' bags are.
    let sourceDirectory: String

    /// What happened to one reuse attempt.
    enum Outcome {
        case copied(StoredArtifact)
        /// Nothing held for this identity.
        case notHeld
        /// Held, but the earlier copy could not be used (gone, damaged): download it.
        case unusable(String)
    }

    func reuse(agentID: String, sessionID: String, identity: ArtifactIdentity, into directory: String, sync: Bool) -> Outcome {
        let held: HeldArtifact
        do {
            guard let found = try store.heldArtifact(source: source, agentID: agentID, sessionID: sessionID, identity: identity) else { return .notHeld }
            held = found
        } catch {
            return .unusable("the state store could not be read: \(error)")
        }
        guard let runID = held.runID, Self.isSafeRunID(runID), let fileExtension = Self.fileExtension(ofStoredPath: held.storedPath) else {
            return .unusable("the state names no usable earlier copy (\(held.storedPath))")
        }
        let path = sourceDirectory + "/" + runID + "/data/" + held.storedPath
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .unusable("the earlier copy \(runID)/data/\(held.storedPath) cannot be read")
        }
        defer { try? handle.close() }
        let writer: ArtifactFileWriter
        do {
            writer = try ArtifactFileWriter(directory: directory, artifactName: identity.artifactID)
        } catch {
            return .unusable("\(error)")
        }
        writer.syncOnCommit = sync
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try writer.write($0) }
            }
            let stored = try writer.commit(expectedSize: held.size, expectedSHA256: held.sha256, fileExtension: fileExtension)
            return .copied(stored)
        } catch {
            writer.discard()
            return .unusable("the earlier copy \(runID)/data/\(held.storedPath) does not match its recorded digest: \(error)")
        }
    }

    /// A run id is a bag folder name: no path separators, not `.` or `..`.
    static func isSafeRunID(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("/") && id != "." && id != ".." && !id.hasPrefix(".")
    }

    /// The extension of `artifacts/<64 hex>.<ext>`; nil for anything else.
    static func fileExtension(ofStoredPath path: String) -> String? {
        guard path.hasPrefix("artifacts/") else { return nil }
        let name = path.dropFirst("artifacts/".count)
        guard !name.contains("/"), let dot = name.firstIndex(of: ".") else { return nil }
        let hash = name[name.startIndex..<dot]
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        let ext = String(name[name.index(after: dot)...])
        return ArtifactFileExtension.isSafe(ext) ? ext : nil
    }
}
