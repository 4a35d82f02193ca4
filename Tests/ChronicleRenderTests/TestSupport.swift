import ChronicleTestSupport
import Foundation
import Testing

extension Repository {
    static var golden: String { root + "/Tests/ChronicleRenderTests/Golden" }
}

/// Holds `got` equal to the golden file `name` (recorded instead with
/// `CHRONICLE_RECORD_GOLDEN=1`; then review the diff), naming the first line that differs.
func expectGolden(_ got: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = Repository.golden + "/" + name
    if ProcessInfo.processInfo.environment["CHRONICLE_RECORD_GOLDEN"] == "1" {
        try Data(got.utf8).write(to: URL(fileURLWithPath: path))
        return
    }
    let want = try String(contentsOfFile: path, encoding: .utf8)
    guard got != want else { return }
    let wantLines = want.split(separator: "\n", omittingEmptySubsequences: false)
    let gotLines = got.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(wantLines, gotLines).enumerated().first { $0.element.0 != $0.element.1 }
    let detail = first.map { "line \($0.offset + 1):\nwant \($0.element.0)\ngot  \($0.element.1)" }
        ?? "\(wantLines.count) lines recorded, \(gotLines.count) now"
    Issue.record("differs from \(path) (CHRONICLE_RECORD_GOLDEN=1 re-records):\n\(detail)", sourceLocation: sourceLocation)
}

/// Exports every sample replay tree into `out` once per call.
func exportSamples(into out: String) async throws {
    let status = try await export(["--samples", Repository.samples, "--out", out])
    #expect(status == 0 || status == 3, "export of the samples exited \(status)")
}
