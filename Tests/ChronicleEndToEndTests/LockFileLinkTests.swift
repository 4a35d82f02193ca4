import ChronicleExport
import ChronicleTestSupport
import Foundation
import Testing

@Suite("The run lock never follows a link")
struct LockFileLinkTests {
    /// `<out>/.chronicle/lock` planted as a symbolic link: the run refuses it (exit 73, a message
    /// that says so) and the file it points at keeps its content (it was truncated and
    /// overwritten with "pid … since …" before).
    @Test func aSymlinkedLockIsRefusedAndItsTargetUntouched() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let victim = tmp.path + "/victim.txt"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: victim))
        let out = tmp.path + "/out"
        try FileManager.default.createDirectory(atPath: out + "/.chronicle", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out + "/.chronicle/lock", withDestinationPath: victim)
        #expect(throws: ExportError.self) { _ = try RunLock(outputDirectory: out) }
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Repository.samples + "/vectara", "--page-size", "3", "--out", out])
        #expect(status == 73)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }
}
