import ChronicleTestSupport
import ChronicleArtifacts
import Foundation
import Testing

/// A 50 MiB artifact streamed as base64 in 64 KiB chunks, reaching the disk as it arrives.
///
/// Memory is checked through what the writer cannot hide: after every chunk, all but at most
/// one write buffer of the decoded bytes must already be in the temporary file on disk. (The
/// resident memory of this whole test process is not a usable measure: other suites run in
/// parallel. The real binary's peak is measured alone, in a child process, by the end-to-end
/// suite's `BinaryMemoryTests`.)
@Suite struct LargeArtifactStreamingTests {
    /// SHA-256 of the 50 MiB SplitMix64(seed 0x5EED) byte stream, computed independently
    /// (Python hashlib over the same generator).
    static let expectedSHA256 = "7c5f1e7497d062fecac21206d1605357a83bc6b5dd1cb1bd7d7bdc327541ce9f"
    static let totalBytes = 50 * 1024 * 1024
    /// 48 KiB of raw bytes encode to exactly 64 KiB of base64 without padding.
    static let rawChunk = 48 * 1024

    @Test func fiftyMegabytesStreamThroughWriteBase64() throws {
        let directory = try TestSupport.makeTemporaryDirectory()
        defer { TestSupport.removeDirectory(directory) }
        var rng = SplitMix64(seed: 0x5EED)
        var raw: [UInt8] = []
        raw.reserveCapacity(Self.rawChunk)
        let writer = try ArtifactFileWriter(directory: directory, artifactName: "large")

        var produced = 0
        var chunks = 0
        var largestLag: Int64 = 0
        while produced < Self.totalBytes {
            raw.removeAll(keepingCapacity: true)
            rng.fill(&raw, count: min(Self.rawChunk, Self.totalBytes - produced))
            produced += raw.count
            let encoded = Data(raw).base64EncodedData()
            #expect(encoded.count <= 64 * 1024)
            try encoded.withUnsafeBytes { try writer.writeBase64($0) }
            chunks += 1
            let onDisk = try #require(Self.fileSize(writer.temporaryPath), "the temporary file must exist while writing")
            #expect(writer.byteCount == Int64(produced))
            largestLag = max(largestLag, writer.byteCount - onDisk)
        }
        try writer.finishBase64()
        let stored = try writer.commit(
            expectedSize: Int64(Self.totalBytes),
            expectedSHA256: Self.expectedSHA256,
            fileExtension: "bin"
        )

        #expect(chunks == 1067)
        #expect(stored.size == Int64(Self.totalBytes))
        #expect(stored.sha256 == Self.expectedSHA256)
        #expect(stored.fileName == Self.expectedSHA256 + ".bin")
        #expect(try TestSupport.listDirectory(directory) == [stored.fileName])
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + stored.fileName)
        #expect((attributes[.size] as? NSNumber)?.intValue == Self.totalBytes)
        // Never more than one write buffer (256 KiB) of decoded bytes held back from the disk;
        // a writer that kept the artifact in memory would lag by up to all 50 MiB.
        #expect(largestLag <= 256 * 1024, "up to \(largestLag) decoded bytes were held in memory")
        #expect(largestLag > 0, "the writer buffers its writes")
    }

    /// Size of the file at `path` from `stat`, or nil if it does not exist.
    static func fileSize(_ path: String) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.int64Value
    }
}
