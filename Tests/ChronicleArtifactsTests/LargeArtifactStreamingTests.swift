import ChronicleArtifacts
import Foundation
import Testing

/// A 50 MiB artifact streamed as base64 in 64 KiB chunks, with bounded resident memory.
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
        var baseline: Int?
        var peakGrowth = 0
        while produced < Self.totalBytes {
            raw.removeAll(keepingCapacity: true)
            rng.fill(&raw, count: min(Self.rawChunk, Self.totalBytes - produced))
            produced += raw.count
            let encoded = Data(raw).base64EncodedData()
            #expect(encoded.count <= 64 * 1024)
            try encoded.withUnsafeBytes { try writer.writeBase64($0) }
            chunks += 1
            if chunks == 4 {
                baseline = TestSupport.residentKilobytes()
            } else if chunks % 32 == 0, let baseline, let now = TestSupport.residentKilobytes() {
                peakGrowth = max(peakGrowth, now - baseline)
            }
        }
        try writer.finishBase64()
        let stored = try writer.commit(
            expectedSize: Int64(Self.totalBytes),
            expectedSHA256: Self.expectedSHA256,
            fileExtension: "bin"
        )
        if let baseline, let now = TestSupport.residentKilobytes() {
            peakGrowth = max(peakGrowth, now - baseline)
        }

        #expect(chunks == 1067)
        #expect(stored.size == Int64(Self.totalBytes))
        #expect(stored.sha256 == Self.expectedSHA256)
        #expect(stored.fileName == Self.expectedSHA256 + ".bin")
        #expect(try TestSupport.listDirectory(directory) == [stored.fileName])
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + stored.fileName)
        #expect((attributes[.size] as? NSNumber)?.intValue == Self.totalBytes)
        #expect(baseline != nil, "VmRSS must be readable from /proc/self/status")
        // Resident memory is measured for the whole test process, where other suites run in
        // parallel; holding the artifact would add at least its 50 MiB. The real binary's peak
        // is checked alone, in a child process, by the end-to-end suite.
        #expect(peakGrowth < 40 * 1024, "resident memory grew by \(peakGrowth) kB")
    }
}
