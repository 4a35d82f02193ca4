import ChronicleCommands
import ChronicleTestSupport
import Foundation
import Testing

/// Damage that every digest agrees with: one session's archive copied over another's, and a
/// newest bag rewritten after its run committed it.
@Suite("Verify: archive identity and the state's digests", .serialized)
struct VerifyIdentityTests {
    let damage = VerifyDamageTests()

    /// One session's archive copied over another's, the manifests hashed again: verified "sound"
    /// and `render` lost a session. The archive's session must be the one its name is made from.
    @Test func anArchiveHoldingAnotherSessionIsDamage() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await damage.freshBag(tmp)
        let archives = try FileManager.default.contentsOfDirectory(atPath: bag + "/data/archive").sorted()
        try #require(archives.count >= 2)
        try FileManager.default.removeItem(atPath: bag + "/data/archive/" + archives[1])
        try FileManager.default.copyItem(atPath: bag + "/data/archive/" + archives[0], toPath: bag + "/data/archive/" + archives[1])
        try damage.reseal(bag, "data/archive/" + archives[1])
        let output = try run(Repository.chronicleBinary, ["verify", bag])
        #expect(output.status == 65, "\(output.output)")
        #expect(output.output.contains("data/archive/\(archives[1]): holds session"), "\(output.output)")
    }

    /// `verify --state`: a newest bag rewritten (and resealed) after its commit is caught by the
    /// digest the state committed; a bag the state never committed is named.
    @Test func theStateCatchesARewrittenNewestBag() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await damage.freshBag(tmp)
        let state = tmp.path + "/.chronicle/state.sqlite"
        #expect(try VerifyCommand.parse([bag, "--state", state]).execute() == 0)
        let runJSON = bag + "/data/run.json"
        var text = try String(contentsOfFile: runJSON, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"status\"", with: "\"status_forged\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: runJSON))
        try damage.reseal(bag, "data/run.json")
        #expect(try VerifyCommand.parse([bag]).execute() == 0, "resealed: the bag alone cannot tell")
        #expect(try VerifyCommand.parse([bag, "--state", state]).execute() == 65)
        #expect(try VerifyCommand.parse([bag, "--state", tmp.path + "/missing.sqlite"]).execute() == 64)
    }
}
