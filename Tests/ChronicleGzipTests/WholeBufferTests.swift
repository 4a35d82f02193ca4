import ChronicleTestSupport
import ChronicleGzip
import Foundation
import Testing

@Suite("Whole-buffer (igzip) mode of GzipFileWriter")
struct WholeBufferTests {
    /// Writes `input` in pieces of `split` bytes with the given bound; returns the file's bytes.
    /// With `taking`, every piece goes through ``GzipFileWriter/write(taking:)``.
    static func write(_ input: [UInt8], limit: Int, split: Int, in directory: URL, name: String, level: Int32 = 6, taking: Bool = false) throws -> (bytes: [UInt8], summary: GzipSummary, observed: [UInt8]) {
        let path = directory.appendingPathComponent(name).path
        let writer = try GzipFileWriter(path: path, level: level, wholeBufferLimit: limit)
        var observed: [UInt8] = []
        writer.onCompressedOutput = { observed.append(contentsOf: $0) }
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + max(1, split))
            var piece = Array(input[offset..<end])
            if taking {
                try writer.write(taking: &piece)
                #expect(piece.isEmpty)
            } else {
                try writer.write(piece)
            }
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

    @Test("above the bound: streams through igzip, the same bytes however the input was split", arguments: [Int32(1), 2, 6, 9])
    func aboveTheBound(level: Int32) throws {
        var rng = SplitMix64(seed: 42)
        // Several of igzip's 256 KiB pieces, with random bytes between texts.
        let input = TestSupport.text(600_000) + rng.bytes(200_000) + TestSupport.text(300_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let limit = 256 * 1024
        let runs = try [10_000, 777, 262_144, 262_145, input.count].map { split in
            try Self.write(input, limit: limit, split: split, in: directory, name: "split-\(split).gz", level: level)
        }
        for run in runs.dropFirst() {
            #expect(run.bytes == runs[0].bytes)
            #expect(run.summary == runs[0].summary)
        }
        let whole = try Self.write(input, limit: input.count, split: 10_000, in: directory, name: "whole.gz", level: level)
        let zlib = try Self.write(input, limit: 0, split: 10_000, in: directory, name: "zlib.gz", level: level)
        #expect(runs[0].bytes != zlib.bytes, "igzip, not zlib, above the bound")
        #expect(runs[0].observed == runs[0].bytes)
        #expect(runs[0].summary.crc32 == zlib.summary.crc32 && runs[0].summary.crc32 == whole.summary.crc32)
        #expect(runs[0].summary.uncompressedBytes == UInt64(input.count))
        #expect(runs[0].summary.compressedBytes == UInt64(runs[0].bytes.count))
        let path = directory.appendingPathComponent("split-10000.gz").path
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        #expect(try TestSupport.runGzip(["-dc", path]).stdout == input)
        #expect(try TestSupport.strictRead(path).bytes == input)
        #expect(try TestSupport.strictRead(path).summary == runs[0].summary)
    }

    @Test("write(taking:) gives the bytes write(_:) gives, whether it takes the first piece or copies, under and over the bound", arguments: [
        (100_000, 1 << 20, 100_000), (100_000, 1 << 20, 30_000), (100_000, 100_000, 100_000), (100_000, 99_999, 100_000), (900_000, 300_000, 250_000),
    ])
    func taking(size: Int, limit: Int, split: Int) throws {
        var rng = SplitMix64(seed: UInt64(size + split))
        let input = TestSupport.text(size - size / 4) + rng.bytes(size / 4)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let copied = try Self.write(input, limit: limit, split: split, in: directory, name: "copied.gz")
        let taken = try Self.write(input, limit: limit, split: split, in: directory, name: "taken.gz", taking: true)
        #expect(taken.bytes == copied.bytes)
        #expect(taken.summary == copied.summary)
        #expect(taken.observed == taken.bytes)
        let path = directory.appendingPathComponent("taken.gz").path
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        #expect(try TestSupport.runGzip(["-dc", path]).stdout == input)
    }

    @Test("the bound itself is inclusive; one byte more streams, the same bytes for a member under one piece")
    func boundary() throws {
        let input = TestSupport.text(100_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let exact = try Self.write(input, limit: input.count, split: 4_096, in: directory, name: "exact.gz")
        let whole = try Self.write(input, limit: input.count + 1_000, split: input.count, in: directory, name: "whole.gz")
        let over = try Self.write(input, limit: input.count - 1, split: 4_096, in: directory, name: "over.gz")
        let overAgain = try Self.write(input, limit: 50_000, split: 999, in: directory, name: "over-again.gz")
        #expect(exact.bytes == whole.bytes)
        #expect(over.bytes == overAgain.bytes, "streamed: the same bytes whatever the bound it passed and the splits")
        // Under one igzip piece, streaming feeds everything in its last call: the whole buffer's bytes.
        #expect(over.bytes == exact.bytes)
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
