import ChronicleTestSupport
import ChronicleGzip
import Foundation
import Testing

@Suite("Whole-buffer (igzip) mode of GzipFileWriter")
struct WholeBufferTests {
    /// Writes `input` in pieces of `split` bytes with the given bound; returns the file's bytes.
    static func write(_ input: [UInt8], limit: Int, split: Int, in directory: URL, name: String, level: Int32 = 6) throws -> (bytes: [UInt8], summary: GzipSummary, observed: [UInt8]) {
        let path = directory.appendingPathComponent(name).path
        let writer = try GzipFileWriter(path: path, level: level, wholeBufferLimit: limit)
        var observed: [UInt8] = []
        writer.onCompressedOutput = { observed.append(contentsOf: $0) }
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + max(1, split))
            try writer.write(Array(input[offset..<end]))
            offset = end
        }
        let summary = try writer.finish(sync: false)
        return (try TestSupport.readBytes(path), summary, observed)
    }

    @Test("under the bound: valid for gzip -t, round-trips, same bytes across runs and splits", arguments: [0, 1, 70_000, 1_500_000])
    func underTheBound(size: Int) throws {
        var rng = SplitMix64(seed: UInt64(size) + 7)
        let input = TestSupport.text(size - size / 3) + rng.bytes(size / 3)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let a = try Self.write(input, limit: 4 << 20, split: 65_536, in: directory, name: "a.gz")
        let b = try Self.write(input, limit: 4 << 20, split: 1_000, in: directory, name: "b.gz")
        #expect(a.bytes == b.bytes)
        #expect(a.observed == a.bytes)
        #expect(Array(a.bytes.prefix(10)) == [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff])
        #expect(a.summary.uncompressedBytes == UInt64(input.count))
        #expect(a.summary.compressedBytes == UInt64(a.bytes.count))
        let path = directory.appendingPathComponent("a.gz").path
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        #expect(try TestSupport.runGzip(["-dc", path]).stdout == input)
        #expect(try TestSupport.strictRead(path).bytes == input)
        #expect(try TestSupport.strictRead(path).summary == a.summary)
    }

    @Test("above the bound: falls back to streaming zlib, byte-identical to the streaming writer")
    func aboveTheBound() throws {
        var rng = SplitMix64(seed: 42)
        let input = TestSupport.text(600_000) + rng.bytes(200_000) + TestSupport.text(300_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let fallback = try Self.write(input, limit: 256 * 1024, split: 10_000, in: directory, name: "fallback.gz")
        let streamed = try Self.write(input, limit: 0, split: 10_000, in: directory, name: "streamed.gz")
        #expect(fallback.bytes == streamed.bytes)
        #expect(fallback.observed == fallback.bytes)
        #expect(fallback.summary == streamed.summary)
        let path = directory.appendingPathComponent("fallback.gz").path
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        #expect(try TestSupport.strictRead(path).bytes == input)
    }

    @Test("the bound itself is inclusive; one byte more streams")
    func boundary() throws {
        let input = TestSupport.text(100_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let exact = try Self.write(input, limit: input.count, split: 4_096, in: directory, name: "exact.gz")
        let whole = try Self.write(input, limit: input.count + 1_000, split: input.count, in: directory, name: "whole.gz")
        let over = try Self.write(input, limit: input.count - 1, split: 4_096, in: directory, name: "over.gz")
        let streamed = try Self.write(input, limit: 0, split: 4_096, in: directory, name: "streamed.gz")
        #expect(exact.bytes == whole.bytes)
        #expect(over.bytes == streamed.bytes)
        for name in ["exact.gz", "over.gz"] {
            #expect(try TestSupport.strictRead(directory.appendingPathComponent(name).path).bytes == input)
        }
    }

    @Test("a bad level is refused in whole-buffer mode too")
    func badLevel() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        #expect(throws: GzipError.self) {
            _ = try GzipFileWriter(path: directory.appendingPathComponent("x.gz").path, level: 12, wholeBufferLimit: 1 << 20)
        }
    }

    @Test("every level gives a valid member; level 0 (stored) is zlib's, the others igzip's", arguments: Array(Int32(-1)...9))
    func everyLevel(level: Int32) throws {
        var rng = SplitMix64(seed: 99)
        let input = TestSupport.text(400_000) + rng.bytes(300_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let whole = try Self.write(input, limit: 4 << 20, split: 65_536, in: directory, name: "whole.gz", level: level)
        let again = try Self.write(input, limit: 4 << 20, split: 7_000, in: directory, name: "again.gz", level: level)
        let streamed = try Self.write(input, limit: 0, split: 65_536, in: directory, name: "streamed.gz", level: level)
        #expect(whole.bytes == again.bytes)
        #expect(whole.observed == whole.bytes)
        #expect((whole.bytes == streamed.bytes) == (level == 0), "level 0 is written by zlib whatever the bound")
        let path = directory.appendingPathComponent("whole.gz").path
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        #expect(try TestSupport.strictRead(path).bytes == input)
        #expect(try TestSupport.strictRead(path).summary == whole.summary)
        #expect(whole.summary.crc32 == streamed.summary.crc32, "igzip's CRC-32 is zlib's")
    }

    @Test("writing after finish fails as unusable")
    func afterFinish() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let writer = try GzipFileWriter(path: directory.appendingPathComponent("x.gz").path, wholeBufferLimit: 1 << 20)
        try writer.write(TestSupport.text(100))
        _ = try writer.finish(sync: false)
        #expect(throws: GzipError.self) { try writer.write(TestSupport.text(10)) }
    }
}
