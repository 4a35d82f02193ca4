import ChronicleTestSupport
import Testing

extension Repository {
    static var golden: String { root + "/Tests/ChronicleRenderTests/Golden" }
}

/// Exports every sample replay tree into `out` once per call.
func exportSamples(into out: String) async throws {
    let status = try await export(["--samples", Repository.samples, "--out", out])
    #expect(status == 0 || status == 3, "export of the samples exited \(status)")
}
