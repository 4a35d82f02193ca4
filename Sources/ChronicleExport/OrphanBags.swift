import ChronicleBag
import ChronicleJSON
import Foundation
import Logging

/// Bags published under a final name whose run never reached state: the run was killed between
/// the bag's rename (after which it is complete and fsynced) and the commit. Such a bag is
/// adopted: its `run.json` says which session versions it holds, and they are committed as they
/// are, so nothing in it is exported a second time and the chain (which already links to it) stays
/// whole. The same path takes in bags written before the output folder had a state database.
enum OrphanBags {
    /// Commits every uncommitted bag of the source and returns their run ids.
    static func adopt(sourceDirectory: String, source: String, store: any StateStore, logger: Logger, now: String) throws -> [String] {
        var adopted: [String] = []
        for (run, versions) in try find(sourceDirectory: sourceDirectory, source: source, store: store, now: now) {
            try store.commit(run: run, versions: versions)
            logger.notice("adopted the uncommitted bag \(run.runID ?? "?") (\(versions.count) sessions)", metadata: ["source": "\(source)"])
            adopted.append(run.runID ?? "?")
        }
        return adopted
    }

    /// The uncommitted bags of the source, oldest first, with the records adopting them would commit.
    static func find(sourceDirectory: String, source: String, store: any StateStore, now: String) throws -> [(RunRecord, [SessionVersionRecord])] {
        let fm = FileManager.default
        // An empty folder named like a run is no bag: it is passed over, not adopted.
        let names = ((try? fm.contentsOfDirectory(atPath: sourceDirectory)) ?? [])
            .filter { RunID.isRunID($0) && BagChain.isBagFolder(sourceDirectory + "/" + $0) }.sorted()
        guard !names.isEmpty else { return [] }
        let committed = try store.committedRunIDs(source: source)
        var found: [(RunRecord, [SessionVersionRecord])] = []
        var previous: String?
        for name in names {
            defer { previous = name }
            if committed.contains(name) { continue }
            let bag = sourceDirectory + "/" + name
            let runJSON = bag + "/data/run.json"
            guard let data = fm.contents(atPath: runJSON), let doc = try? JSONParser.parse([UInt8](data)) else {
                throw ExportError(.state, path: bag, message: "this bag is not recorded in state and its data/run.json cannot be read; run `chronicle verify \(bag)` and move the bag out of the folder if it is damaged")
            }
            let tagManifest = try FileDigest.sha256(path: bag + "/tagmanifest-sha256.txt")
            let versions = StateRecords.versions(runJSON: doc, source: source, runID: name, exportedAt: now)
            let counts = doc["counts"]
            let ownStatus = doc["status"]?.stringValue ?? "unknown"
            let run = RunRecord(
                source: source, runID: name, status: .adopted, startedAt: doc["started_at"]?.stringValue ?? now,
                finishedAt: doc["finished_at"]?.stringValue, bagPath: source + "/" + name, tagManifestSHA256: tagManifest.hex,
                previousRunID: doc["previous_run"]?.stringValue ?? previous, exported: versions.count,
                skipped: Int(counts?["skipped_unchanged"]?.int64Value ?? 0), missing: Int(counts?["missing"]?.int64Value ?? 0),
                events: Int(counts?["events"]?.int64Value ?? 0), artifacts: Int(counts?["artifacts"]?.int64Value ?? 0),
                bytes: 0, message: "published with status \(ownStatus) by a run that ended before committing; adopted from its run.json"
            )
            found.append((run, versions))
        }
        return found
    }
}
