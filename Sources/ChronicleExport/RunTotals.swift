import ChronicleCore
import ChronicleRedact

/// A run's counts, summed over its sessions' outcomes one at a time (run.json's `counts` and
/// `redactions`, bag-info and the summary line).
struct RunTotals {
    var sessions = 0
    var events = 0
    var artifacts = 0
    var artifactBytes: Int64 = 0
    var redactions = RedactionCounts()
    /// Total tokens (``SessionFigures/tokensDefinition``) of the sessions whose usage is known;
    /// nil when none is.
    var tokens: Int64?

    mutating func add(_ o: SessionOutcome) {
        sessions += 1
        events += o.totals.events
        artifacts += o.totals.artifacts
        artifactBytes += o.totals.artifactBytes
        redactions.merge(o.redactions)
        if let total = o.figures.totalTokens { tokens = (tokens ?? 0) + total }
    }
}
