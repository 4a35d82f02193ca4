import ChronicleCommands
import ChronicleTestSupport
import Foundation
import Testing

/// `chronicle verify DIR` on an output folder, on a bag another BagIt tool wrote, and on paths
/// that are neither.
@Suite("Verify: output folders and foreign bags", .serialized)
struct VerifyOutputFolderTests {
    /// Every sample source exported once into `out`; returns the bags, by source.
    func exportSamples(into out: String) async throws -> [String: [String]] {
        #expect(try await export(["--samples", Repository.samples, "--out", out]) == 0)
        var bagsBySource: [String: [String]] = [:]
        for source in try FileManager.default.contentsOfDirectory(atPath: out) where !source.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: out + "/" + source, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            bagsBySource[source] = try bags(in: out, source: source)
        }
        return bagsBySource
    }

    /// A bag written by Python's `bagit` (sha256 and sha512 manifests, BagIt-Version 0.97).
    func foreignBag(in folder: String) throws -> String {
        try ensurePythonBagit()
        let bag = folder + "/foreign"
        try FileManager.default.createDirectory(atPath: bag + "/notes", withIntermediateDirectories: true)
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: bag + "/a.txt"))
        try Data("second file\n".utf8).write(to: URL(fileURLWithPath: bag + "/notes/b.txt"))
        let made = try run("python3", ["-m", "bagit", bag])
        try #require(made.status == 0, "bagit: \(made.output)")
        return bag
    }

    @Test func anOutputFolderIsVerifiedBagByBagWithAChainPerSource() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        let bags = try await exportSamples(into: out)
        let count = bags.values.reduce(0) { $0 + $1.count }
        try #require(count >= 2)
        let r = try run(Repository.chronicleBinary, ["verify", out])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.split(separator: "\n").filter { $0.hasPrefix("sound: ") }.count == count, "\(r.output)")
        #expect(r.output.contains("output folder \(out): \(count) bags in \(bags.count) sources verified with each source's chain and the state's digests: all intact"), "\(r.output)")
        #expect(!r.output.contains("DAMAGED"))
    }

    /// The newest bag deleted: no chain breaks (nothing links to it), but the state committed it.
    @Test func aDeletedNewestBagIsDamageInTheOutputFolder() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        let bags = try await exportSamples(into: out)
        #expect(try await export(["--samples", Repository.samples, "--out", out]) == 0, "a second night")
        let (source, _) = try #require(bags.first)
        let newest = try #require(try ChronicleTestSupport.bags(in: out, source: source).last)
        try FileManager.default.removeItem(atPath: newest)
        let r = try run(Repository.chronicleBinary, ["verify", out])
        #expect(r.status == 65, "\(r.output)")
        #expect(r.output.contains("DAMAGED: \(newest)"), "\(r.output)")
        #expect(r.output.contains("is committed in the state but its bag is gone"), "\(r.output)")
        #expect(r.output.contains(": 1 damaged"), "\(r.output)")
    }

    @Test func aValidForeignBagIsReportedAsSuchWithItsOwnExitCode() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try foreignBag(in: tmp.path)
        let r = try run(Repository.chronicleBinary, ["verify", bag])
        #expect(r.status == 4, "\(r.output)")
        #expect(r.output.contains("foreign: \(bag) — a valid BagIt bag not written by Chronicle"), "\(r.output)")
        #expect(!r.output.contains("DAMAGED"), "\(r.output)")
    }

    /// The BagIt checks still run on a foreign bag: a same-size edit breaks both manifests, an
    /// extra file is named, and the exit code is damage.
    @Test func aDamagedForeignBagIsDamage() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try foreignBag(in: tmp.path)
        try Data("HELLO\n".utf8).write(to: URL(fileURLWithPath: bag + "/data/a.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: bag + "/data/extra.txt"))
        let r = try run(Repository.chronicleBinary, ["verify", bag])
        #expect(r.status == 65, "\(r.output)")
        #expect(r.output.contains("DAMAGED: \(bag) (a BagIt bag not written by Chronicle; BagIt checks only)"), "\(r.output)")
        #expect(r.output.contains("data/a.txt: sha256 is "), "\(r.output)")
        #expect(r.output.contains("data/a.txt: sha512 is "), "\(r.output)")
        #expect(r.output.contains("data/extra.txt: extra file in data/, not listed in manifest-sha256.txt"), "\(r.output)")
        #expect(r.output.contains("bag-info.txt: Payload-Oxum is "), "\(r.output)")
    }

    /// Inside an output folder only Chronicle writes: a foreign bag there is damage.
    @Test func aForeignBagInsideAnOutputFolderIsDamage() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let out = tmp.path + "/out"
        _ = try await exportSamples(into: out)
        let bag = try foreignBag(in: tmp.path)
        try FileManager.default.createDirectory(atPath: out + "/intruder", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: bag, toPath: out + "/intruder/20200101T000000Z")
        let r = try run(Repository.chronicleBinary, ["verify", out])
        #expect(r.status == 65, "\(r.output)")
        #expect(r.output.contains("bag-info.txt: has no Chronicle-… field"), "\(r.output)")
    }

    @Test func aPathThatIsNeitherABagNorAnOutputFolderIsAUsageError() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let missing = try run(Repository.chronicleBinary, ["verify", tmp.path + "/no-such-folder"])
        #expect(missing.status == 64, "\(missing.output)")
        #expect(missing.output.contains("no such file or folder"), "\(missing.output)")
        #expect(!missing.output.contains("DAMAGED"), "\(missing.output)")
        try FileManager.default.createDirectory(atPath: tmp.path + "/empty", withIntermediateDirectories: true)
        let empty = try run(Repository.chronicleBinary, ["verify", tmp.path + "/empty"])
        #expect(empty.status == 64, "\(empty.output)")
        #expect(empty.output.contains("neither a bag"), "\(empty.output)")
    }
}
