import ChronicleBuildInfo
import ChronicleTestSupport
import Foundation
import Testing

/// `chronicle --version`: one stable line with the version and the commit the binary was built from.
@Suite("chronicle --version")
struct VersionTests {
    @Test func theBinaryPrintsOneLineWithTheVersionAndTheCommit() throws {
        let result = try run(Repository.chronicleBinary, ["--version"])
        #expect(result.status == 0)
        let printed = result.output.hasSuffix("\n") ? String(result.output.dropLast()) : result.output
        #expect(!printed.contains("\n"), "one line: \(result.output)")
        // `chronicle 0.1.0 (commit <40 hex>[-dirty], YYYY-MM-DD)` or `chronicle 0.1.0 (commit unknown)`.
        let line = #/chronicle (?<version>[0-9]+\.[0-9]+\.[0-9]+) \(commit (?:(?<commit>[0-9a-f]{40})(?:-dirty)?, [0-9]{4}-[0-9]{2}-[0-9]{2}|unknown)\)/#
        let match = try #require(try line.wholeMatch(in: printed), "unexpected --version line: \(printed)")
        #expect(String(match.output.version) == BuildInfo.version)
        #expect(printed == BuildInfo.versionLine)
        // Built from this checkout (CI clones with git): the commit is one of its commits.
        if let commit = match.output.commit, FileManager.default.fileExists(atPath: Repository.root + "/.git") {
            let known = try run("git", ["-C", Repository.root, "cat-file", "-e", "\(commit)^{commit}"])
            #expect(known.status == 0, "\(commit) is not a commit of \(Repository.root): \(known.output)")
        }
    }

    @Test func aGitCheckoutGivesItsHeadAndDate() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let repo = tmp.path + "/repo"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: repo + "/file"))
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": tmp.path,
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                   "GIT_COMMITTER_DATE": "2026-11-30T12:00:00Z", "GIT_AUTHOR_DATE": "2026-11-30T12:00:00Z"]
        for args in [["init", "-q", repo], ["-C", repo, "add", "file"], ["-C", repo, "commit", "-q", "-m", "one"]] {
            let r = try run("git", args, environment: env)
            try #require(r.status == 0, "git \(args): \(r.output)")
        }
        let head = try run("git", ["-C", repo, "rev-parse", "HEAD"], environment: env).output.trimmingCharacters(in: .whitespacesAndNewlines)

        #expect(try generated(package: repo, in: tmp.path, environment: env) == [head, "2026-11-30"])
        // A change to a tracked file marks the commit; an untracked file does not.
        try Data("x\n".utf8).write(to: URL(fileURLWithPath: repo + "/untracked"))
        #expect(try generated(package: repo, in: tmp.path, environment: env) == [head, "2026-11-30"])
        try Data("b\n".utf8).write(to: URL(fileURLWithPath: repo + "/file"))
        #expect(try generated(package: repo, in: tmp.path, environment: env) == [head + "-dirty", "2026-11-30"])
        // A source tree inside some other repository (a tarball unpacked there) is not that repository's commit.
        try FileManager.default.createDirectory(atPath: repo + "/unpacked", withIntermediateDirectories: true)
        #expect(try generated(package: repo + "/unpacked", in: tmp.path, environment: env) == ["unknown", "unknown"])
    }

    @Test func aTreeWithoutGitIsUnknown() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        #expect(try generated(package: tmp.path, in: tmp.path, environment: ProcessInfo.processInfo.environment) == ["unknown", "unknown"])
        // Without git on PATH at all (only the tools the script needs besides git).
        let bin = tmp.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for tool in ["mkdir", "cmp", "mv", "rm"] {
            let found = try run("sh", ["-c", "command -v \(tool)"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: found)
        }
        #expect(try generated(package: tmp.path, in: tmp.path, environment: ["PATH": bin]) == ["unknown", "unknown"])
    }

    @Test func anUnchangedCommitLeavesTheGeneratedFileAlone() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/generated"
        let file = out + "/GeneratedCommit.swift"
        _ = try generated(package: tmp.path, in: tmp.path, environment: ProcessInfo.processInfo.environment, out: out)
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file)
        _ = try generated(package: tmp.path, in: tmp.path, environment: ProcessInfo.processInfo.environment, out: out)
        let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        #expect(modified == past, "rewriting it would recompile ChronicleBuildInfo and relink on every build")
    }

    /// Runs scripts/build-info (what the build plugin runs) and reads the commit and date it wrote.
    func generated(package: String, in tmp: String, environment: [String: String], out: String? = nil) throws -> [String] {
        let out = out ?? tmp + "/generated-\(UUID().uuidString)"
        let r = try run("/bin/sh", [Repository.root + "/scripts/build-info", package, out], environment: environment)
        try #require(r.status == 0, "scripts/build-info: \(r.output)")
        let text = try read(out + "/GeneratedCommit.swift")
        func value(_ name: String) -> String {
            guard let line = text.split(separator: "\n").first(where: { $0.contains("static let \(name) = ") }),
                  let first = line.firstIndex(of: "\""), let last = line.lastIndex(of: "\""), first < last else { return "" }
            return String(line[line.index(after: first)..<last])
        }
        return [value("commit"), value("date")]
    }
}
