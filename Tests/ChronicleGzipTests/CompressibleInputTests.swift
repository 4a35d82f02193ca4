import ChronicleGzip
import Testing

@Suite("Highly compressible input")
struct CompressibleInputTests {
    @Test("highly compressible input (large expansion ratio) round-trips", arguments: [1, 64 * 1024, 10_000_000])
    func zeros(count: Int) throws {
        let input = [UInt8](repeating: 0, count: count)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("zeros.gz").path
        let written = try TestSupport.writeGzip(input, to: path, level: 9)
        let (output, read) = try TestSupport.strictRead(path)
        #expect(output == input)
        #expect(read == written)
        #expect(try Gzip.decompress(try TestSupport.readBytes(path)) == input)
    }
}
