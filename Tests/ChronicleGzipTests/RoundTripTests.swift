import ChronicleTestSupport
import ChronicleGzip
import Foundation
import Testing

@Suite("Round trip and determinism")
struct RoundTripTests {
    static let inputs: [(String, [UInt8])] = {
        var rng = SplitMix64(seed: 0xC0FFEE)
        return [
            ("empty", []),
            ("one byte", [0x42]),
            ("text", TestSupport.text(300_000)),
            ("random 5 MB", rng.bytes(5 * 1024 * 1024)),
        ]
    }()

    @Test("writer -> strict reader and decompress give back the input", arguments: 0..<4)
    func roundTrip(index: Int) throws {
        let (name, input) = Self.inputs[index]
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("rt.gz").path

        let written = try TestSupport.writeGzip(input, to: path)
        let file = try TestSupport.readBytes(path)
        #expect(written.uncompressedBytes == UInt64(input.count), "\(name)")
        #expect(written.compressedBytes == UInt64(file.count), "\(name)")

        let (output, read) = try TestSupport.strictRead(path)
        #expect(output == input, "\(name)")
        #expect(read == written, "\(name)")

        #expect(try Gzip.decompress(file) == input, "\(name)")
        #expect(try Gzip.compress(input) == file, "\(name): in-memory and file output differ")
    }

    @Test("many small writes produce the same bytes as one write, across runs", arguments: [0, 1, 6, 9])
    func determinism(level: Int32) throws {
        var rng = SplitMix64(seed: 42)
        let input = TestSupport.text(700_000) + rng.bytes(400_000)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }

        let onePath = directory.appendingPathComponent("one.gz").path
        try TestSupport.writeGzip(input, to: onePath, level: level)

        let manyPath = directory.appendingPathComponent("many.gz").path
        let writer = try GzipFileWriter(path: manyPath, level: level)
        var offset = 0
        var sizes = SplitMix64(seed: 7)
        while offset < input.count {
            let size = min(Int(sizes.next() % 5000), input.count - offset)  // includes 0-byte writes
            try writer.write(Array(input[offset..<offset + size]))
            offset += size
        }
        _ = try writer.finish()

        let againPath = directory.appendingPathComponent("again.gz").path
        try TestSupport.writeGzip(input, to: againPath, level: level)

        let one = try TestSupport.readBytes(onePath)
        #expect(try TestSupport.readBytes(manyPath) == one)
        #expect(try TestSupport.readBytes(againPath) == one)
        #expect(try Gzip.compress(input, level: level) == one)
        #expect(try Gzip.decompress(one) == input)
    }

    @Test("summary CRC-32 matches the trailer and a known value")
    func knownCRC() throws {
        let bytes = try Gzip.compress(Array("123456789".utf8))
        let trailer = Array(bytes.suffix(8))
        let crc = UInt32(trailer[0]) | UInt32(trailer[1]) << 8 | UInt32(trailer[2]) << 16 | UInt32(trailer[3]) << 24
        let size = UInt32(trailer[4]) | UInt32(trailer[5]) << 8 | UInt32(trailer[6]) << 16 | UInt32(trailer[7]) << 24
        #expect(crc == 0xCBF4_3926)  // the standard CRC-32 check value
        #expect(size == 9)
    }
}
