import ChronicleGzip
import ChronicleJSON
import ChronicleTestSupport
import Foundation
import Testing

/// Exports the vectara replay sample end to end and checks the bag with tools nobody here wrote.
@Suite("Export of samples/vectara", .serialized)
struct SampleExportTests {
    static let sample = Repository.samples + "/vectara"

    func exportSample(into out: String) async throws -> String {
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Self.sample, "--page-size", "3", "--out", out])
        #expect(status == 0)
        let all = try bags(in: out, source: "vectara")
        try #require(all.count == 1)
        return all[0]
    }

    func expected() throws -> JSONValue {
        let data = try #require(FileManager.default.contents(atPath: Self.sample + "/EXPECTED.json"))
        return try JSONParser.parse([UInt8](data))
    }

    @Test func bagValidatesWithPythonBagitAndVerify() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await exportSample(into: tmp.path)
        try ensurePythonBagit()
        let bagit = try run("python3", ["-m", "bagit", "--validate", bag])
        #expect(bagit.status == 0, "bagit: \(bagit.output)")
        #expect(try verify([bag]) == 0)
        for archive in files(under: bag + "/data/archive") {
            let t = try run("gzip", ["-t", bag + "/data/archive/" + archive])
            #expect(t.status == 0, "gzip -t \(archive): \(t.output)")
        }
        // A flipped byte anywhere in the payload is damage: verify exits 65, bagit fails too.
        let transcript = try #require(files(under: bag + "/data/sessions").first)
        let path = bag + "/data/sessions/" + transcript
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[100] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try verify([bag]) == 65)
        #expect(try run("python3", ["-m", "bagit", "--validate", bag]).status != 0)
    }

    @Test func exportMatchesWhatThePlatformServed() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await exportSample(into: tmp.path)
        let truth = try expected()
        let runJSON = try JSONParser.parse([UInt8](try #require(FileManager.default.contents(atPath: bag + "/data/run.json"))))
        #expect(runJSON["status"]?.stringValue == "complete")
        #expect(runJSON["counts"]?["sessions"]?.int64Value == truth["counts"]?["sessions"]?.int64Value)
        #expect(runJSON["counts"]?["events"]?.int64Value == truth["counts"]?["events"]?.int64Value)
        #expect(runJSON["counts"]?["artifacts"]?.int64Value == truth["counts"]?["artifacts"]?.int64Value)
        let sessions = try #require(runJSON["sessions"]?.arrayValue)
        for want in try #require(truth["sessions"]?.arrayValue) {
            let key = try #require(want["session_key"]?.stringValue)
            let got = try #require(sessions.first { $0["id"]?.stringValue == key }, "session \(key) not exported")
            let (archive, _) = try readArchive(bag + "/data/" + (got["archive"]?.stringValue ?? ""))
            let events = (archive["items"]?.arrayValue ?? []).flatMap { $0["events"]?.arrayValue ?? [] }
            #expect(events.map { $0["id"]?.stringValue ?? "" } == (want["event_ids"]?.arrayValue ?? []).compactMap(\.stringValue), "events of \(key)")
            #expect(events.map { $0["index"]?.int64Value ?? -1 } == Array(0..<Int64(events.count)))
            let hidden = events.filter { $0["hidden"]?.boolValue == true }.compactMap { $0["id"]?.stringValue }
            #expect(hidden == (want["hidden_event_ids"]?.arrayValue ?? []).compactMap(\.stringValue))
            let unknown = events.filter { $0["kind"]?.stringValue == "unknown" }.compactMap { $0["platform_type"]?.stringValue }
            #expect(unknown == (want["unknown_event_types"]?.arrayValue ?? []).compactMap(\.stringValue))
            let stored = (archive["summary"]?["artifacts"]?.arrayValue ?? [])
            for artifact in want["artifacts"]?.arrayValue ?? [] {
                let sha = try #require(artifact["sha256"]?.stringValue)
                let ref = try #require(stored.first { $0["artifact_id"]?.stringValue == artifact["artifact_id"]?.stringValue })
                #expect(ref["sha256"]?.stringValue == sha)
                #expect(ref["size"]?.int64Value == artifact["size"]?.int64Value)
                #expect(ref["name"]?.stringValue == artifact["filename"]?.stringValue)
                let file = bag + "/data/" + (ref["path"]?.stringValue ?? "")
                #expect(try sha256sum(file) == sha, "stored bytes of \(sha)")
                #expect(ref["path"]?.stringValue?.hasPrefix("artifacts/\(sha).") == true)
            }
        }
        // Hostile artifact names never become paths.
        for name in files(under: bag) {
            #expect(!name.contains("passwd") && !name.contains(":") && !name.contains("?"))
        }
    }

    @Test func rawRecordsSurviveByteForByte() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let bag = try await exportSample(into: tmp.path)
        // Find the recorded event page that holds the hand-written literals, and split it into
        // its records the way the platform sent them.
        let root = Self.sample + "/agents/agt_support/sessions/ase_7f3a/events"
        var records: [[UInt8]] = []
        for name in files(under: root) where name.hasSuffix(".json") {
            let page = try #require(FileManager.default.contents(atPath: root + "/" + name))
            var splitter = JSONRecordSplitter(recordArray: .member("events"))
            try [UInt8](page).withUnsafeBytes { buffer in
                try splitter.feed(buffer) { raw in records.append(Array(raw)) }
            }
            _ = try splitter.finish()
        }
        let literal = try #require(records.first { String(decoding: $0, as: UTF8.self).contains("12345678901234567890123") })
        let text = String(decoding: literal, as: UTF8.self)
        for needle in ["12345678901234567890123", "1.10", "1E+2", "-0"] {
            #expect(text.contains(needle))
        }
        let archivePath = try #require(files(under: bag + "/data/archive").first { $0.hasPrefix("ase-7f3a") })
        let (_, bytes) = try readArchive(bag + "/data/archive/" + archivePath)
        #expect(bytes.firstRange(of: literal) != nil, "the record's original bytes are in the archive")
        // And the archive as a whole still parses.
        #expect((try? JSONParser.parse(bytes)) != nil)
    }

    @Test func archivesAreDeterministic() async throws {
        let a = try TemporaryFolder()
        let b = try TemporaryFolder()
        defer { a.remove(); b.remove() }
        let bagA = try await exportSample(into: a.path)
        let bagB = try await exportSample(into: b.path)
        let names = files(under: bagA + "/data/archive")
        #expect(names == files(under: bagB + "/data/archive"))
        #expect(names.count == 4)
        for name in names {
            let x = try #require(FileManager.default.contents(atPath: bagA + "/data/archive/" + name))
            let y = try #require(FileManager.default.contents(atPath: bagB + "/data/archive/" + name))
            #expect(x == y, "archive \(name) differs between two exports of the same input")
            #expect(Array(x.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF])
        }
        #expect(files(under: bagA + "/data/artifacts") == files(under: bagB + "/data/artifacts"))
    }

    @Test func secondRunChainsToTheFirst() async throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let first = try await exportSample(into: tmp.path)
        // Run IDs have one-second resolution; a second run in the same second gets a suffix.
        let status = try await export(["--platform", "vectara", "--base-url", "file:" + Self.sample, "--page-size", "3", "--out", tmp.path])
        #expect(status == 0)
        let all = try bags(in: tmp.path, source: "vectara")
        #expect(all.count == 2)
        let second = try #require(all.last)
        let info = String(decoding: try #require(FileManager.default.contents(atPath: second + "/bag-info.txt")), as: UTF8.self)
        let digest = try sha256sum(first + "/tagmanifest-sha256.txt")
        #expect(info.contains("Chronicle-Previous-Tagmanifest-SHA256: \(digest)"))
        #expect(try verify(all) == 0)
        // Deleting the first run breaks the chain of the second.
        try FileManager.default.removeItem(atPath: first)
        #expect(try verify([second]) == 65)
        // The cumulative index lists every session.
        let index = String(decoding: try #require(FileManager.default.contents(atPath: tmp.path + "/index.html")), as: UTF8.self)
        #expect(index.contains("4 sessions"))
    }
}
