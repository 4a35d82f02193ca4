import ChronicleBag
import ChronicleExport
import ChronicleStateSQLite
import Foundation

/// The tagmanifest digests the state committed for each run (`verify --state`). A bag's chain
/// proves each bag links to the one before; only the state proves the newest bag is the one
/// that was written: rewriting it and every manifest after the commit went unnoticed.
struct CommittedDigests {
    /// `source/run-id` → the committed tagmanifest SHA-256 (nil when the run published nothing).
    private var digests: [String: String?] = [:]

    init(statePath: String) throws {
        let store = try SQLiteStateStore(path: statePath)
        for run in try store.runs(source: nil) {
            guard let runID = run.runID else { continue }
            digests[run.source + "/" + runID] = run.tagManifestSHA256
        }
    }

    /// The runs of `source` whose bag the state committed but which are not among `present`
    /// (paths ending in `/<run-id>`), oldest first.
    func missingBags(source: String, present: [String]) -> [String] {
        let have = Set(present.map { URL(fileURLWithPath: $0).lastPathComponent })
        let prefix = source + "/"
        return digests.compactMap { key, digest -> String? in
            guard key.hasPrefix(prefix), digest != nil else { return nil }
            let runID = String(key.dropFirst(prefix.count))
            return have.contains(runID) ? nil : runID
        }.sorted()
    }

    /// What the state says is wrong with the bag at `bag` (`…/<source>/<run-id>`).
    func problems(bag: String) -> [BagDamage] {
        let url = URL(fileURLWithPath: bag).standardizedFileURL
        let runID = url.lastPathComponent
        let source = url.deletingLastPathComponent().lastPathComponent
        guard let entry = digests[source + "/" + runID] else {
            return [BagDamage(file: "(state)", problem: "run \(runID) of source '\(source)' is not recorded in the state: this bag was not committed by a run of this output folder")]
        }
        guard let expected = entry else { return [] }
        guard let actual = try? FileDigest.sha256(path: bag + "/tagmanifest-sha256.txt").hex else {
            return [BagDamage(file: "tagmanifest-sha256.txt", problem: "cannot be read to compare with the state")]
        }
        guard actual == expected else {
            return [BagDamage(file: "tagmanifest-sha256.txt", problem: "SHA-256 is \(actual), the state committed \(expected) for this run: the bag was rewritten after its run committed it")]
        }
        return []
    }
}
