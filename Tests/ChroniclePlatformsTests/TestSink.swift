import ChronicleCore

/// A session sink that keeps everything an adapter hands it, for assertions.
final class TestSink: SessionSink {
    let artifactsDirectory: String
    private(set) var items: [SessionItem] = []
    private(set) var problems: [ExportProblem] = []
    private(set) var truncationReason: String?

    init(artifactsDirectory: String) {
        self.artifactsDirectory = artifactsDirectory
    }

    func accept(_ item: consuming SessionItem) async throws {
        items.append(item)
    }

    func report(_ problem: ExportProblem) {
        problems.append(problem)
    }

    func markPossiblyTruncated(reason: String) {
        truncationReason = reason
    }

    var events: [Event] { items.flatMap(\.events) }
    var artifacts: [ArtifactReference] { items.flatMap(\.artifacts) }
}
