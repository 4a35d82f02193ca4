import ChronicleExport
import ChronicleStateSQLite
import ChronicleTestSupport
import Foundation
import Testing

/// A full disk (a small tmpfs): the run fails with a clear error, no bag becomes visible, nothing
/// is left behind and state is unchanged; once space is back the next run exports it all.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    @Test func aFullDiskLeavesNoBagAndUnchangedState() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let mount = tmp.path + "/small"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try run("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mount])
        try #require(mounted.status == 0, "mounting a tmpfs needs root: \(mounted.output)")
        defer { _ = try? run("umount", ["-l", mount]) }
        let out = mount + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.touch("small", addEvents: 2, minute: 1)
        try tree.write()
        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out]) == 0)
        let store = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        let runsBefore = try store.runs(source: "vectara").filter { $0.runID != nil }
        let bagsBefore = try bags(in: out, source: "vectara")

        // A 3 MB artifact cannot fit in 2 MB.
        tree.touch("big", addEvents: 1, minute: 2)
        tree.sessions["big"]?.artifactBytes = 3_000_000
        try tree.write()
        try await Task.sleep(for: .seconds(1))
        let r = try run(BinaryMemoryTests.binary, ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out])
        #expect(r.status != 0)
        #expect(r.output.lowercased().contains("no space"), "a clear error: \(r.output)")
        #expect(try bags(in: out, source: "vectara") == bagsBefore, "no new visible bag")
        let names = try FileManager.default.contentsOfDirectory(atPath: out + "/vectara")
        #expect(!names.contains { $0.hasPrefix(".incomplete") }, "nothing left behind: \(names)")
        #expect(try store.runs(source: "vectara").filter { $0.runID != nil } == runsBefore, "state unchanged")
        #expect(try store.versions(source: "vectara").map(\.sessionID) == ["small"])

        // With the big session's artifact gone, the next run exports it.
        tree.sessions["big"]?.artifactBytes = 0
        try tree.write()
        try await Task.sleep(for: .seconds(1))
        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out]) == 0)
        #expect(try store.versions(source: "vectara").map(\.sessionID).sorted() == ["big", "small"])
    }

    @Test func aReadOnlyOutputFolderFailsClearlyAndChangesNothing() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let mount = tmp.path + "/ro"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try run("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mount])
        try #require(mounted.status == 0, "mounting a tmpfs needs root: \(mounted.output)")
        defer { _ = try? run("umount", ["-l", mount]) }
        let out = mount + "/out"
        var tree = NightlyTree(root: tmp.path + "/tree")
        tree.touch("a", addEvents: 2, minute: 1)
        try tree.write()
        #expect(try await export(["--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out]) == 0)
        let bagsBefore = try bags(in: out, source: "vectara")
        let stateBefore = try sha256sum(out + "/.chronicle/state.sqlite")
        tree.touch("b", addEvents: 1, minute: 2)
        try tree.write()
        let remounted = try run("mount", ["-o", "remount,ro", mount])
        try #require(remounted.status == 0, "\(remounted.output)")
        let r = try run(BinaryMemoryTests.binary, ["export", "--platform", "vectara", "--base-url", "file:" + tree.root, "--out", out])
        #expect(r.status == 73, "\(r.output)")
        #expect(r.output.contains("Read-only file system"), "a clear error: \(r.output)")
        #expect(try bags(in: out, source: "vectara") == bagsBefore)
        #expect(try sha256sum(out + "/.chronicle/state.sqlite") == stateBefore, "state unchanged")
    }
}
