import Foundation
import Testing
@testable import ChronicleBag

@Suite struct SessionDirectoryNameTests {
    static let hostileIDs: [String] = [
        "a:b", "a/b", "a\\b", "..", ".", "...", "../../etc/passwd", "\0", "a\0b", "a\rb", "a\nb", "a\r\nb",
        "100%", "%2e%2e", "a b", " leading space", "trailing space ", "日本語セッション", "🙂", "CON", "con", "nul.txt",
        "NUL", "COM1", "com1", "LPT9", "AUX", "PRN", String(repeating: "x", count: 300),
        String(repeating: "é", count: 150), String(repeating: "ab/", count: 100), "", "Abc", "abc", "ABC",
        "\u{E9}", "e\u{301}", "caf\u{E9}", "cafe\u{301}", "-dash", ".hidden", "a--b", "a-b", "a_b", "a.b",
        "session_01HXYZ", "session:01HXYZ", "session/01HXYZ",
    ]

    @Test func hostileIDsGetDistinctSafeNames() throws {
        let ids = Self.hostileIDs
        #expect(Set(ids.map { Array($0.utf8) }).count == ids.count, "test ids must be distinct by bytes")
        let names = ids.map(SessionDirectoryName.make(forID:))
        #expect(Set(names).count == ids.count)
        #expect(Set(names.map { $0.lowercased() }).count == ids.count)
        #expect(Set(names.map { Array($0.precomposedStringWithCanonicalMapping.utf8) }).count == ids.count)
        #expect(Set(names.map { Array($0.decomposedStringWithCanonicalMapping.utf8) }).count == ids.count)
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".utf8)
        let devices: [String] = (1...9).flatMap { ["com\($0)", "lpt\($0)"] }
        let reserved = Set(["con", "prn", "aux", "nul"] + devices)
        for (id, name) in zip(ids, names) {
            let bytes = Array(name.utf8)
            #expect(!bytes.isEmpty, "\(id.debugDescription)")
            #expect(bytes.allSatisfy { allowed.contains($0) }, "\(name)")
            #expect(bytes.first != UInt8(ascii: ".") && bytes.first != UInt8(ascii: "-"), "\(name)")
            #expect(bytes.count <= 100, "\(name)")
            let stem = name.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? name
            #expect(!reserved.contains(stem) && !reserved.contains(name), "\(name)")
            #expect(name != "." && name != "..")
        }
    }

    @Test func namesAreStableAndReadable() {
        for id in Self.hostileIDs {
            #expect(SessionDirectoryName.make(forID: id) == SessionDirectoryName.make(forID: id))
        }
        // Format guarantee: this exact value must never change.
        let name = SessionDirectoryName.make(forID: "Session:ABC/123")
        #expect(name.hasPrefix("session-abc-123-"))
        #expect(name.utf8.count == "session-abc-123-".utf8.count + 16)
        #expect(SessionDirectoryName.make(forID: "abc") == "abc-ba7816bf8f01cfea")
        #expect(SessionDirectoryName.make(forID: "") == "e3b0c44298fc1c14")
        #expect(SessionDirectoryName.make(forID: String(repeating: "x", count: 300)).utf8.count == 60 + 1 + 16)
    }

    @Test func realDirectoriesStayInside() throws {
        let root = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let resolvedRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        for id in Self.hostileIDs {
            let path = root + "/" + SessionDirectoryName.make(forID: id)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            #expect(resolved.deletingLastPathComponent().path == resolvedRoot)
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: root)
        #expect(entries.count == Self.hostileIDs.count)
    }

    @Test func runIDs() throws {
        let date = Date(timeIntervalSince1970: 1_795_312_800.75) // 2026-11-22T02:00:00Z
        #expect(RunID.make(date: date) == "20261122T020000Z")
        #expect(RunID.make(date: Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(RunID.isRunID("20261122T020000Z"))
        #expect(RunID.isRunID("20261122T020000Z-01"))
        #expect(RunID.isRunID("20261122T020000Z-99"))
        for bad in ["20261122T020000Z-00", "20261122T020000Z-100", "20261122T020000", "20261122t020000Z",
                    ".incomplete-20261122T020000Z", "20261322T020000Z", "2026112XT020000Z", "", "20261122T020000Z-1"] {
            #expect(!RunID.isRunID(bad), "\(bad)")
        }
    }

    @Test func fileDigestAndAtomicFile() throws {
        let root = try TestSupport.makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/file.txt"
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("abc".utf8), to: path)
        #expect(try TestSupport.read(path) == Array("abc".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["file.txt"])
        let digest = try FileDigest.sha256(path: path)
        #expect(digest.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.size == 3)
        let big = [UInt8](repeating: 7, count: (1 << 20) * 2 + 5)
        try TestSupport.write(big, to: root + "/big")
        #expect(try FileDigest.sha256(path: root + "/big").size == Int64(big.count))
        #expect(throws: BagError.self) { try FileDigest.sha256(path: root + "/missing") }
        #expect(throws: BagError.self) { try AtomicFile.write([1], to: root + "/no/such/dir/file") }
    }
}
