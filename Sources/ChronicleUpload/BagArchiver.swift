import ChronicleBag
import ChronicleExport
import ChronicleS3
import Foundation

/// Brings a source's archive up to date: every committed run not yet marked archived (the run
/// just published, and any earlier one whose upload did not finish) is uploaded or resumed, in
/// run order, and marked `archived` in state once every object was checked by HEAD.
public struct BagArchiver: Sendable {
    public let uploader: BagUploader
    public let state: any StateStore
    public let outputDirectory: String

    public init(uploader: BagUploader, state: any StateStore, outputDirectory: String) {
        self.uploader = uploader
        self.state = state
        self.outputDirectory = outputDirectory
    }

    /// The outcome of every run that was not archived before this call (complete ones included);
    /// after a failure that stops the store (unreachable, credentials) the rest are listed as not
    /// attempted.
    public func archivePending(source: String, now: Date = Date()) async -> [BagUploader.Outcome] {
        var outcomes: [BagUploader.Outcome] = []
        let pending: [RunRecord]
        do {
            let archived = try state.archivedRunIDs(source: source)
            pending = try state.runs(source: source).filter { run in
                guard let id = run.runID, run.bagPath != nil else { return false }
                return !archived.contains(id) && [.complete, .partial, .adopted].contains(run.status)
            }
        } catch {
            var o = BagUploader.Outcome(source: source, runID: "?", location: uploader.settings.location.description)
            o.failure = S3Error(.localFile, message: "the state store cannot be read: \(error)")
            o.missing = ["every pending bag"]
            return [o]
        }
        var stopped: S3Error?
        for run in pending {
            guard let runID = run.runID else { continue }
            var outcome: BagUploader.Outcome
            if let stopped {
                outcome = BagUploader.Outcome(source: source, runID: runID, location: "s3://\(uploader.store.bucket)/\(uploader.settings.bagPrefix(source: source, runID: runID))")
                outcome.failure = stopped
                outcome.missing = ["the whole bag (not attempted)"]
                outcomes.append(outcome)
                continue
            }
            let directory = outputDirectory + "/" + (run.bagPath ?? source + "/" + runID)
            outcome = await uploader.upload(bagDirectory: directory, source: source, runID: runID, now: now)
            if outcome.isComplete {
                do {
                    try state.markArchived(source: source, runID: runID, location: outcome.location, archivedAt: Self.iso(now))
                } catch {
                    outcome.failure = S3Error(.localFile, message: "\(error)")
                }
            } else if let failure = outcome.failure, [.unreachable, .credentials].contains(failure.kind) || Task.isCancelled {
                stopped = failure
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
