import ChronicleBag
import ChronicleJSON
import ChronicleStateSQLite
import ChronicleTestSupport
import Crypto
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `chronicle` binary uploading bags to moto's S3 server (a real S3-compatible store
/// from PyPI) on loopback, in a bucket with Object Lock enabled. Every object is read back by
/// boto3 (`Tests/Live/moto/harness.py`), not only by Chronicle's own client.
@Suite("Upload to S3 with Object Lock (moto, real binary)", .serialized)
struct UploadLiveTests {
    /// Credentials whose values must never appear in any output or file.
    static let secret = "chronicleSecret/\(UUID().uuidString)"
    static let token = "chronicleToken+\(UUID().uuidString)"

    static var environment: [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["AWS_ACCESS_KEY_ID"] = "AKIACHRONICLETEST"
        e["AWS_SECRET_ACCESS_KEY"] = secret
        e["AWS_SESSION_TOKEN"] = token
        for key in e.keys where key.hasPrefix("CHRONICLE_TEST_") { e[key] = nil }
        return e
    }

    /// A samples folder with only the vectara replay tree (a small, quick source).
    static func samples(_ root: String) throws -> String {
        let dir = root + "/samples"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repository.samples + "/vectara", toPath: dir + "/vectara")
        return dir
    }

    static func exportArguments(samples: String, out: String, endpoint: String, url: String, mode: String) -> [String] {
        [
            "export", "--samples", samples, "--out", out, "--upload-url", url, "--upload-endpoint", endpoint, "--retention-days", "2",
            "--retention-mode", mode, "--metrics-file", out + "/../metrics.prom",
        ]
    }

    static func runBinary(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        try run(Repository.chronicleBinary, arguments, environment: environment)
    }

    /// Every file of the local bag, relative to the bag.
    static func bagFiles(_ bag: String) -> [String] {
        files(under: bag)
    }

    static func base64SHA256(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw SupportError("cannot read \(path)") }
        return Data(SHA256.hash(data: data)).base64EncodedString()
    }

    /// The secret key and the session token appear in no output and no file under `root`.
    static func expectNoCredentials(in outputs: [String], root: String) {
        for o in outputs {
            #expect(!o.contains(secret) && !o.contains(token), "a credential was printed: \(o.suffix(2000))")
        }
        let all = files(under: root)
        #expect(all.count > 20)
        for file in all.map({ root + "/" + $0 }) {
            guard let data = FileManager.default.contents(atPath: file) else {
                Issue.record("\(file) cannot be read to check it for credentials")
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(secret) && !text.contains(token), "a credential is in \(file)")
        }
    }

    @Test func exportUploadsEveryObjectLockedAndLocksHold() async throws {
        let tmp = try TemporaryFolder("chronicle-upload")
        defer { tmp.remove() }
        let moto = try await MotoServer.start(folder: tmp.path + "/moto")
        defer { moto.stop() }
        #expect(try moto.harness("create-bucket", ["archive"])["object_lock"]?.stringValue == "Enabled")
        let samples = try Self.samples(tmp.path)
        let out = tmp.path + "/out"
        let r = try Self.runBinary(
            Self.exportArguments(samples: samples, out: out, endpoint: moto.endpoint, url: "s3://archive/nightly", mode: "COMPLIANCE"),
            environment: Self.environment
        )
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("archived: s3://archive/nightly/vectara-sample/"))
        let bag = try #require(try bags(in: out, source: "vectara-sample").last)
        let runID = (bag as NSString).lastPathComponent
        let prefix = "nightly/vectara-sample/\(runID)/"
        let objects = try #require(try moto.harness("objects", ["archive", prefix]).arrayValue)
        let local = Self.bagFiles(bag)
        #expect(objects.compactMap { $0["key"]?.stringValue.map { String($0.dropFirst(prefix.count)) } }.sorted() == local)
        let runStart = try #require(RunDateForTest.parse(runID))
        for o in objects {
            let key = o["key"]?.stringValue ?? ""
            let path = bag + "/" + String(key.dropFirst(prefix.count))
            let expected = try Self.base64SHA256(path)
            #expect(o["sha256_of_bytes_base64"]?.stringValue == expected, "\(key): bytes differ")
            #expect(o["checksum_sha256"]?.stringValue == expected, "\(key): the store's checksum \(o["checksum_sha256"]?.stringValue ?? "none")")
            #expect(o["mode"]?.stringValue == "COMPLIANCE", "\(key)")
            let until = o["retain_until"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: String($0.prefix(19)) + "Z") }
            #expect(until.map { abs($0.timeIntervalSince(runStart) - 2 * 86_400) < 5 } == true, "\(key): retain until \(o["retain_until"]?.stringValue ?? "none")")
        }
        let state = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite")
        #expect(try state.archivedRunIDs(source: "vectara-sample") == [runID])

        // The locks hold: the locked version cannot be deleted, and a PUT over it only adds a
        // version (S3 never replaces one), whose old version still cannot be deleted.
        let key = prefix + "tagmanifest-sha256.txt"
        #expect(try moto.harness("delete-version", ["archive", key])["result"]?.stringValue == "AccessDenied")
        let overwrite = try moto.harness("overwrite", ["archive", prefix + "bag-info.txt"])
        #expect(overwrite["delete_old_version"]?.stringValue == "AccessDenied")
        #expect(overwrite["old_version_still_there"]?.boolValue == true)

        let v = try Self.runBinary(["verify", "s3://archive/" + prefix.dropLast(), "--endpoint", moto.endpoint, "--deep"], environment: Self.environment)
        // bag-info.txt now has a newer, unlocked version with other bytes: verify reads the newest.
        #expect(v.status == 65, "\(v.output)")
        #expect(v.output.contains("bag-info.txt"))
        Self.expectNoCredentials(in: [r.output, v.output], root: tmp.path)
    }

    @Test func uploadKilledHalfwayIsResumedByTheNextRun() async throws {
        let tmp = try TemporaryFolder("chronicle-upload")
        defer { tmp.remove() }
        let moto = try await MotoServer.start(folder: tmp.path + "/moto")
        defer { moto.stop() }
        _ = try moto.harness("create-bucket", ["archive"])
        let samples = try Self.samples(tmp.path)
        let out = tmp.path + "/out"
        let arguments = Self.exportArguments(samples: samples, out: out, endpoint: moto.endpoint, url: "s3://archive/nightly", mode: "GOVERNANCE")

        // A store that refuses (no such bucket): the bag is published, the run exits 3 and says
        // the next run resumes.
        var wrong = arguments
        wrong[wrong.firstIndex(of: "s3://archive/nightly").map { $0 } ?? 0] = "s3://no-such-bucket/nightly"
        let refused = try Self.runBinary(wrong, environment: Self.environment)
        #expect(refused.status == 3, "\(refused.output)")
        #expect(refused.output.contains("is not fully archived to s3://no-such-bucket/nightly/vectara-sample/"))
        #expect(refused.output.contains("NoSuchBucket") && refused.output.contains("the next run resumes the upload"))
        try FileManager.default.removeItem(atPath: out)

        // Multipart above 4 KiB in 2 KiB parts; the uploader pauses after 6 writes and is killed there.
        var environment = Self.environment
        environment["CHRONICLE_TEST_MULTIPART_THRESHOLD"] = "4096"
        environment["CHRONICLE_TEST_PART_SIZE"] = "2048"
        environment["CHRONICLE_TEST_UPLOAD_PAUSE_AFTER_WRITES"] = "6"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.chronicleBinary)
        process.arguments = arguments
        process.environment = environment
        let log = tmp.path + "/killed.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var paused = false
        for _ in 0..<1200 where !paused {
            paused = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("upload paused after 6 writes")
            if !paused { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(paused, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let first = try #require(try bags(in: out, source: "vectara-sample").last)
        let firstRun = (first as NSString).lastPathComponent
        let prefix = "nightly/vectara-sample/\(firstRun)/"
        let partial = try #require(try moto.harness("objects", ["archive", prefix]).arrayValue)
        #expect(!partial.isEmpty && partial.count < Self.bagFiles(first).count)
        #expect(!partial.contains { $0["key"]?.stringValue == prefix + "tagmanifest-sha256.txt" })
        #expect(try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").archivedRunIDs(source: "vectara-sample").isEmpty)

        // The next run resumes the first bag (sending only what is missing) and archives its own.
        environment["CHRONICLE_TEST_UPLOAD_PAUSE_AFTER_WRITES"] = nil
        try await Task.sleep(for: .seconds(1))
        let again = try Self.runBinary(arguments, environment: environment)
        #expect(again.status == 0, "\(again.output)")
        let resumed = again.output.split(separator: "\n").first { $0.contains("archived: s3://archive/\(prefix.dropLast()) ") }
        #expect(resumed.map { !$0.contains(" 0 already stored") } == true, "\(again.output)")
        let objects = try #require(try moto.harness("objects", ["archive", prefix]).arrayValue)
        #expect(objects.count == Self.bagFiles(first).count)
        // Above the 4 KiB test threshold objects went by multipart upload: the store's checksum
        // is then its checksum of the part checksums, not the SHA-256 of the bytes.
        let multipart = objects.filter { ($0["size"]?.int64Value ?? 0) > 4096 }
        #expect(!multipart.isEmpty && multipart.allSatisfy { $0["checksum_sha256"]?.stringValue != $0["sha256_of_bytes_base64"]?.stringValue })
        for o in objects {
            let path = first + "/" + String((o["key"]?.stringValue ?? "").dropFirst(prefix.count))
            #expect(o["sha256_of_bytes_base64"]?.stringValue == (try Self.base64SHA256(path)))
        }
        let archived = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").archivedRunIDs(source: "vectara-sample")
        #expect(archived.contains(firstRun) && archived.count == 2)
        for bag in try bags(in: out, source: "vectara-sample") {
            let url = "s3://archive/nightly/vectara-sample/" + (bag as NSString).lastPathComponent
            let v = try Self.runBinary(["verify", url, "--endpoint", moto.endpoint, "--deep"], environment: Self.environment)
            #expect(v.status == 0, "\(v.output)")
        }
        // keep_local_days 0: every archived bag but the newest (the chain's link) is removed locally.
        try await Task.sleep(for: .seconds(1))
        let prune = try Self.runBinary(arguments + ["--keep-local-days", "0"], environment: Self.environment)
        #expect(prune.status == 0, "\(prune.output)")
        let left = try bags(in: out, source: "vectara-sample").map { ($0 as NSString).lastPathComponent }
        let archivedNow = try SQLiteStateStore(path: out + "/.chronicle/state.sqlite").archivedRunIDs(source: "vectara-sample")
        #expect(left.count == 1 && archivedNow.count == 3 && left.allSatisfy(archivedNow.contains), "\(left) \(prune.output)")
        #expect(prune.output.contains("pruned the local bag vectara-sample/\(firstRun)"))
        let chained = try Self.runBinary(arguments, environment: Self.environment)
        #expect(chained.status == 0, "\(chained.output)")
        let newest = try #require(try bags(in: out, source: "vectara-sample").last)
        let v = try Self.runBinary(["verify", "s3://archive/nightly/vectara-sample/" + (newest as NSString).lastPathComponent, "--endpoint", moto.endpoint], environment: Self.environment)
        #expect(v.status == 0, "\(v.output)")
        Self.expectNoCredentials(in: [refused.output, again.output, prune.output, (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""], root: tmp.path)
    }

    @Test func remoteObjectChangedBehindOurBackIsDamage() async throws {
        let tmp = try TemporaryFolder("chronicle-upload")
        defer { tmp.remove() }
        let moto = try await MotoServer.start(folder: tmp.path + "/moto")
        defer { moto.stop() }
        _ = try moto.harness("create-bucket", ["archive"])
        let samples = try Self.samples(tmp.path)
        let out = tmp.path + "/out"
        let arguments = Self.exportArguments(samples: samples, out: out, endpoint: moto.endpoint, url: "s3://archive/nightly", mode: "GOVERNANCE")
        let first = try Self.runBinary(arguments, environment: Self.environment)
        #expect(first.status == 0, "\(first.output)")
        try await Task.sleep(for: .seconds(1))
        let second = try Self.runBinary(arguments, environment: Self.environment)
        #expect(second.status == 0, "\(second.output)")
        let runs = try bags(in: out, source: "vectara-sample").map { ($0 as NSString).lastPathComponent }
        #expect(runs.count == 2)
        let url = { (run: String) in "s3://archive/nightly/vectara-sample/\(run)" }
        for run in runs {
            let v = try Self.runBinary(["verify", url(run), "--endpoint", moto.endpoint], environment: Self.environment)
            #expect(v.status == 0, "\(v.output)")
        }
        // Change an archive of the first bag and its tag manifest (which the second bag's chain
        // names) with the governance bypass.
        let prefix = "nightly/vectara-sample/\(runs[0])/"
        let objects = try #require(try moto.harness("objects", ["archive", prefix]).arrayValue)
        let archive = try #require(objects.compactMap { $0["key"]?.stringValue }.first { $0.hasSuffix(".json.gz") })
        #expect(try moto.harness("tamper", ["archive", archive])["result"]?.stringValue == "tampered")
        let damaged = try Self.runBinary(["verify", url(runs[0]), "--endpoint", moto.endpoint], environment: Self.environment)
        #expect(damaged.status == 65, "\(damaged.output)")
        #expect(damaged.output.contains(String(archive.dropFirst(prefix.count))) && damaged.output.contains("not the manifest's"))
        _ = try moto.harness("tamper", ["archive", prefix + "tagmanifest-sha256.txt"])
        let chain = try Self.runBinary(["verify", url(runs[1]), "--endpoint", moto.endpoint], environment: Self.environment)
        #expect(chain.status == 65, "\(chain.output)")
        #expect(chain.output.contains("chain: the previous run \(runs[0])"))
        Self.expectNoCredentials(in: [first.output, second.output, damaged.output, chain.output], root: tmp.path)
    }
}

/// Run ids to dates, written here again so the test does not take the code's word for it.
enum RunDateForTest {
    static func parse(_ runID: String) -> Date? {
        let s = String(runID.prefix(16))
        guard s.count == 16 else { return nil }
        let iso = "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.dropFirst(6).prefix(2))T\(s.dropFirst(9).prefix(2)):\(s.dropFirst(11).prefix(2)):\(s.dropFirst(13).prefix(2))Z"
        return ISO8601DateFormatter().date(from: iso)
    }
}
