import ChronicleBag
import ChronicleExport
import Foundation

/// Removes local bags that are archived (every object checked remotely) and older than
/// `keep_local_days`. Never the newest bag of a source: the next run's chain link is read from
/// it (`BagChain.latest`: its tag manifest's SHA-256 becomes `Chronicle-Previous-Tagmanifest-SHA256`).
/// A bag is first renamed to `.incomplete-pruned-<run-id>` (an interrupted removal is finished
/// by the next run's clean-up of `.incomplete-*`), then removed.
public enum LocalBagPruner {
    public static func prune(source: String, outputDirectory: String, state: any StateStore, keepLocalDays: Int, now: Date = Date()) throws -> [String] {
        let sourceDirectory = outputDirectory + "/" + source
        let archived = try state.archivedRunIDs(source: source)
        guard let newest = try BagChain.latest(in: sourceDirectory)?.runID else { return [] }
        let cutoff = now.addingTimeInterval(-Double(keepLocalDays) * 86_400)
        var removed: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sourceDirectory)) ?? []
        for name in names.sorted() where RunID.isRunID(name) && name != newest && archived.contains(name) {
            guard let started = RunDate.parse(name), started < cutoff else { continue }
            let path = sourceDirectory + "/" + name
            let doomed = sourceDirectory + "/.incomplete-pruned-" + name
            try FileManager.default.moveItem(atPath: path, toPath: doomed)
            try FileManager.default.removeItem(atPath: doomed)
            removed.append(name)
        }
        return removed
    }
}
