import ChronicleCore

/// A session sink that keeps everything it is given.
final class TestSink: SessionSink {
    let artifactsDirectory: String
    var items: [SessionItem] = []
    var problems: [ExportProblem] = []
    var truncated: [String] = []

    init(artifactsDirectory: String = "/nonexistent-artifacts") {
        self.artifactsDirectory = artifactsDirectory
    }

    func accept(_ item: consuming SessionItem) async throws { items.append(item) }
    func report(_ problem: ExportProblem) { problems.append(problem) }
    func markPossiblyTruncated(reason: String) { truncated.append(reason) }

    var events: [Event] { items.flatMap(\.events) }

    var totals: SessionTotals {
        var t = SessionTotals()
        for e in events { t.add(e) }
        return t
    }
}
