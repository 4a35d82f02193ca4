import ChronicleTestSupport
import ChronicleGzip
import Foundation
import Testing

@Suite("Strict reader rejections")
struct RejectionTests {
    static func sample(level: Int32 = 6) throws -> (input: [UInt8], member: [UInt8]) {
        var rng = SplitMix64(seed: 5)
        let input = TestSupport.text(200_000) + rng.bytes(50_000)
        return (input, try Gzip.compress(input, level: level))
    }

    @Test("invalid deflate block type is corruptDeflate")
    func corruptBlockType() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        var (_, member) = try Self.sample()
        member[10] |= 0x06  // BTYPE = 11 (reserved) in the first block header
        try TestSupport.expectRejection(member, kind: .corruptDeflate, in: directory, name: "btype")
    }

    @Test("flipped byte inside stored data is crcMismatch")
    func flippedStoredByte() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        var (_, member) = try Self.sample(level: 0)
        member[1000] ^= 0x01
        try TestSupport.expectRejection(member, kind: .crcMismatch, in: directory, name: "stored")
    }

    @Test("flipped bytes anywhere in compressed deflate data are rejected")
    func flippedDeflateBytes() throws {
        let (_, member) = try Self.sample()
        var rng = SplitMix64(seed: 11)
        let allowed: Set<GzipIntegrityError.Kind> = [
            .corruptDeflate, .crcMismatch, .sizeMismatch, .truncated, .trailingData, .multipleMembers,
        ]
        for _ in 0..<40 {
            var corrupted = member
            let position = 10 + Int(rng.next() % UInt64(member.count - 18))
            corrupted[position] ^= UInt8(1 + rng.next() % 255)
            do {
                _ = try Gzip.decompress(corrupted)
                Issue.record("accepted flip at \(position)")
            } catch {
                #expect(allowed.contains(error.kind), "flip at \(position): \(error)")
            }
        }
    }

    @Test("flipped CRC byte is crcMismatch, wrong ISIZE is sizeMismatch")
    func trailerChecks() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let (_, member) = try Self.sample()
        for index in 0..<4 {
            var crc = member
            crc[member.count - 8 + index] ^= 0x10
            try TestSupport.expectRejection(crc, kind: .crcMismatch, in: directory, name: "crc-\(index)")
            do {
                _ = try Gzip.decompress(crc)
            } catch {
                #expect(error.offset == UInt64(member.count - 8))
            }
        }
        for index in 0..<4 {
            var size = member
            size[member.count - 4 + index] ^= 0x01
            try TestSupport.expectRejection(size, kind: .sizeMismatch, in: directory, name: "isize-\(index)")
        }
    }

    @Test("truncation at any point is truncated", arguments: [1, 2, 5, 9, 10, 11, 100, 5000, -9, -8, -5, -1])
    func truncation(cut: Int) throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let (_, member) = try Self.sample()
        let length = cut > 0 ? cut : member.count + cut
        try TestSupport.expectRejection(
            Array(member.prefix(length)), kind: .truncated, in: directory, name: "cut-\(length)")
    }

    @Test("truncated empty-input member is truncated")
    func truncatedEmptyMember() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let member = try Gzip.compress([])
        for length in 1..<member.count {
            try TestSupport.expectRejection(
                Array(member.prefix(length)), kind: .truncated, in: directory, name: "empty-cut-\(length)")
        }
    }

    @Test("trailing garbage and trailing zeros are trailingData")
    func trailingData() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let (_, member) = try Self.sample()
        try TestSupport.expectRejection(member + Array("garbage".utf8), kind: .trailingData, in: directory, name: "garbage")
        try TestSupport.expectRejection(member + [0], kind: .trailingData, in: directory, name: "one-zero")
        try TestSupport.expectRejection(member + [UInt8](repeating: 0, count: 512), kind: .trailingData, in: directory, name: "zeros")
        try TestSupport.expectRejection(member + [0x1f], kind: .trailingData, in: directory, name: "lone-1f")
        do {
            _ = try Gzip.decompress(member + [0])
        } catch {
            #expect(error.offset == UInt64(member.count))
        }
    }

    @Test("two concatenated members (cat a.gz b.gz) are multipleMembers")
    func concatenatedMembers() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let a = try Gzip.compress(Array("first\n".utf8))
        let b = try Gzip.compress(Array("second\n".utf8))
        let path = directory.appendingPathComponent("ab.gz").path
        try TestSupport.writeBytes(a + b, to: path)
        // The system gzip accepts this; we must not.
        #expect(try TestSupport.runGzip(["-dc", path]).stdout == Array("first\nsecond\n".utf8))
        try TestSupport.expectRejection(a + b, kind: .multipleMembers, in: directory, name: "ab")
    }

    @Test("not-gzip input and empty files are notGzip")
    func notGzip() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        try TestSupport.expectRejection([], kind: .notGzip, in: directory, name: "empty")
        try TestSupport.expectRejection(Array("{\"json\": true}\n".utf8), kind: .notGzip, in: directory, name: "json")
        try TestSupport.expectRejection([0x1f, 0x8c, 8, 0], kind: .notGzip, in: directory, name: "magic2")
        try TestSupport.expectRejection([0x78, 0x9c, 0x03, 0x00], kind: .notGzip, in: directory, name: "zlib")
    }

    @Test("missing file is io with the path")
    func missingFile() throws {
        let path = "/nonexistent-chronicle-dir/x.gz"
        do {
            _ = try GzipStrictReader.read(path: path) { _ in }
            Issue.record("read a missing file")
        } catch let error as GzipIntegrityError {
            #expect(error.kind == .io)
            #expect(error.description.contains(path))
        }
    }
}
