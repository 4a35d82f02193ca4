import ChronicleTestSupport
import ChronicleGzip
import Foundation
import Testing

@Suite("Interoperability with /usr/bin/gzip")
struct SystemGzipTests {
    @Test("gzip -t accepts our files and gzip -dc returns the input", arguments: [0, 1, 100_000, 2_000_000])
    func systemGzipReadsOurFiles(size: Int) throws {
        var rng = SplitMix64(seed: UInt64(size))
        let input = TestSupport.text(size / 2) + rng.bytes(size - size / 2)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("ours.gz").path
        try TestSupport.writeGzip(input, to: path)

        #expect(try TestSupport.runGzip(["-t", path]).status == 0)
        let decompressed = try TestSupport.runGzip(["-dc", path])
        #expect(decompressed.status == 0)
        #expect(decompressed.stdout == input)
    }

    @Test("gzip -t rejects a corrupted file (sanity check of the harness)")
    func systemGzipRejectsCorruption() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("bad.gz").path
        var bytes = try Gzip.compress(TestSupport.text(10_000))
        bytes[bytes.count - 8] ^= 0xff
        try TestSupport.writeBytes(bytes, to: path)
        #expect(try TestSupport.runGzip(["-t", path]).status != 0)
    }

    @Test("strict reader accepts files produced by gzip -6 (with and without FNAME)")
    func strictReaderReadsSystemGzip() throws {
        var rng = SplitMix64(seed: 99)
        let input = TestSupport.text(500_000) + rng.bytes(300_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let plainPath = directory.appendingPathComponent("data.bin").path
        try TestSupport.writeBytes(input, to: plainPath)

        // `gzip -6 -k file` stores the original name (FNAME flag).
        #expect(try TestSupport.runGzip(["-6", "-k", "-f", plainPath]).status == 0)
        let namedPath = plainPath + ".gz"
        let named = try TestSupport.readBytes(namedPath)
        #expect(named[3] & 0x08 != 0, "expected FNAME to be set")
        let (namedOutput, namedSummary) = try TestSupport.strictRead(namedPath)
        #expect(namedOutput == input)
        #expect(namedSummary.compressedBytes == UInt64(named.count))
        #expect(namedSummary.uncompressedBytes == UInt64(input.count))

        // `gzip -6 -n -c` omits the name.
        let anonymous = try TestSupport.runGzip(["-6", "-n", "-c", plainPath])
        #expect(anonymous.status == 0)
        #expect(anonymous.stdout[3] == 0)
        #expect(try Gzip.decompress(anonymous.stdout) == input)
    }
}
