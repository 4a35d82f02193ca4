import ChronicleGzip
import CZlib
import Foundation
import Testing

@Suite("Gzip header")
struct HeaderTests {
    static let expectedHeader: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]

    @Test("writer and compress emit exactly 1f 8b 08 00 00000000 00 ff", arguments: [0, 1, 6, 9])
    func headerBytes(level: Int32) throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("h.gz").path
        try TestSupport.writeGzip(TestSupport.text(1000), to: path, level: level)
        #expect(Array(try TestSupport.readBytes(path).prefix(10)) == Self.expectedHeader)
        #expect(Array(try Gzip.compress([], level: level).prefix(10)) == Self.expectedHeader)
    }

    /// Builds a member with every optional header field, around our raw deflate body.
    static func memberWithAllFields(_ input: [UInt8], corruptHeaderCRC: Bool = false) throws -> [UInt8] {
        let ours = try Gzip.compress(input)
        var header: [UInt8] = [0x1f, 0x8b, 0x08, 0x1f, 1, 2, 3, 4, 0x02, 0x03]  // FTEXT|FHCRC|FEXTRA|FNAME|FCOMMENT
        header += [6, 0, 0x41, 0x42, 2, 0, 0x00, 0x8b]  // XLEN=6, subfield "AB" len 2
        header += Array("name.json".utf8) + [0]
        header += Array("a comment".utf8) + [0]
        let crc = header.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
        var crc16 = UInt16(truncatingIfNeeded: crc)
        if corruptHeaderCRC { crc16 ^= 1 }
        header += [UInt8(truncatingIfNeeded: crc16), UInt8(truncatingIfNeeded: crc16 >> 8)]
        return header + ours.dropFirst(10)
    }

    @Test("FEXTRA, FNAME, FCOMMENT and FHCRC are parsed")
    func optionalFields() throws {
        let input = TestSupport.text(50_000)
        let member = try Self.memberWithAllFields(input)
        #expect(try Gzip.decompress(member) == input)
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("fields.gz").path
        try TestSupport.writeBytes(member, to: path)
        #expect(try TestSupport.runGzip(["-t", path]).status == 0)  // the member itself is valid
        let (output, summary) = try TestSupport.strictRead(path)
        #expect(output == input)
        #expect(summary.compressedBytes == UInt64(member.count))
    }

    @Test("bad header fields are rejected as badHeader")
    func badHeaders() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let good = try Gzip.compress(TestSupport.text(1000))

        var method = good
        method[2] = 7
        try TestSupport.expectRejection(method, kind: .badHeader, in: directory, name: "method")

        for bit in [0x20, 0x40, 0x80] as [UInt8] {
            var reserved = good
            reserved[3] |= bit
            try TestSupport.expectRejection(reserved, kind: .badHeader, in: directory, name: "reserved-\(bit)")
        }

        let badCRC = try Self.memberWithAllFields(TestSupport.text(1000), corruptHeaderCRC: true)
        try TestSupport.expectRejection(badCRC, kind: .badHeader, in: directory, name: "fhcrc")
    }

    @Test("a header whose optional fields run off the end is truncated")
    func truncatedOptionalFields() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let member = try Self.memberWithAllFields([1, 2, 3])
        for cut in [11, 14, 20, 30] {
            try TestSupport.expectRejection(
                Array(member.prefix(cut)), kind: .truncated, in: directory, name: "cut-\(cut)")
        }
    }
}
