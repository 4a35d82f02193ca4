import ChronicleTestServer
import ChronicleTestSupport
import Foundation
import Testing

/// A base URL whose path prefix is wrong: the listing answers 404, which says to check the base
/// URL (not that an item vanished), and the run exits 69.
@Suite("A listing answered 404", .serialized)
struct NotFoundListingTests {
    @Test func aWrongBaseURLPathSaysCheckTheBaseURL() async throws {
        try await ServerHarness.with(.vectara) { h in
            var environment = ProcessInfo.processInfo.environment
            environment[ServerHarness.tokenVariable] = h.dataset.token
            let r = try run(Repository.chronicleBinary, [
                "export", "--platform", "vectara", "--base-url", h.server.origin + "/wrong-prefix", "--token-env", ServerHarness.tokenVariable,
                "--out", h.out,
            ], environment: environment)
            #expect(r.status == 69, "\(r.output)")
            #expect(r.output.contains("under the base URL: check the base URL"), "\(r.output)")
            #expect(!r.output.contains("vanished"), "\(r.output)")
        }
    }
}
