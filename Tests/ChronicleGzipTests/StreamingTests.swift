@testable import ChronicleGzip
import ChronicleTestSupport
import Foundation
import Testing

@Suite("Streaming, bounded memory and resource handling")
struct StreamingTests {
    @Test("100 MB through writer and reader with fixed-size buffers")
    func hundredMegabytes() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("big.gz").path

        var rng = SplitMix64(seed: 100)
        var block = TestSupport.text(768 * 1024) + rng.bytes(256 * 1024)  // 1 MiB
        let writer = try GzipFileWriter(path: path)
        var previousSize: UInt64 = 0
        for iteration in 0..<100 {
            block[iteration] ^= UInt8(truncatingIfNeeded: iteration)  // vary the content
            try writer.write(block)
            if iteration % 10 == 9 {
                // Compressed output must already be on disk: nothing accumulates in memory.
                let size = try #require(
                    FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
                ).uint64Value
                #expect(size > previousSize, "file did not grow after \(iteration + 1) MiB")
                previousSize = size
            }
        }
        let written = try writer.finish()
        #expect(written.uncompressedBytes == 100 * 1024 * 1024)

        var total: UInt64 = 0
        var largestChunk = 0
        var calls = 0
        let read = try GzipStrictReader.read(path: path) { chunk in
            total += UInt64(chunk.count)
            largestChunk = max(largestChunk, chunk.count)
            calls += 1
        }
        #expect(read == written)
        #expect(total == written.uncompressedBytes)
        #expect(largestChunk <= GzipStrictReader.chunkSize)
        #expect(calls >= Int(total) / GzipStrictReader.chunkSize)
    }

    @Test("errors thrown by consume propagate unchanged and stop reading")
    func consumeErrorPropagates() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("stop.gz").path
        try TestSupport.writeGzip(TestSupport.text(2_000_000), to: path)
        var calls = 0
        #expect(throws: StopReading(afterBytes: 1)) {
            _ = try GzipStrictReader.read(path: path) { _ in
                calls += 1
                if calls == 2 { throw StopReading(afterBytes: 1) }
            }
        }
        #expect(calls == 2)
    }

    @Test("writer errors carry kind, path and advice")
    func writerErrors() throws {
        let missing = "/nonexistent-chronicle-dir/out.gz"
        do {
            _ = try GzipFileWriter(path: missing)
            Issue.record("opened a file in a missing directory")
        } catch {
            #expect(error.kind == .open)
            #expect(error.path == missing)
            #expect(error.errno == ENOENT)
            #expect(error.description.contains(missing))
        }

        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("w.gz").path
        #expect(throws: GzipError.self) { _ = try GzipFileWriter(path: path, level: 10) }
        #expect(throws: GzipError.self) { _ = try Gzip.compress([1], level: -2) }

        let writer = try GzipFileWriter(path: path)
        try writer.write([1, 2, 3])
        _ = try writer.finish(sync: true)
        do {
            try writer.write([4])
            Issue.record("wrote after finish")
        } catch {
            #expect(error.kind == .unusable)
        }
        do {
            _ = try writer.finish()
            Issue.record("finished twice")
        } catch {
            #expect(error.kind == .unusable)
        }
        #expect(try TestSupport.strictRead(path).bytes == [1, 2, 3])
    }

    @Test("an unfinished writer closes its file descriptor on deinit")
    func deinitClosesDescriptor() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("abandoned.gz").path
        var descriptor: Int32 = -1
        do {
            let writer = try GzipFileWriter(path: path)
            try writer.write(TestSupport.text(100_000))
            descriptor = writer.fileDescriptor
            #expect(Self.target(of: descriptor) == path)
        }
        #expect(descriptor >= 0)
        // Either closed, or reused by some other concurrently running test for another file.
        #expect(Self.target(of: descriptor) != path)
    }

    @Test("finish closes the file descriptor")
    func finishClosesDescriptor() throws {
        let directory = try TestSupport.makeTempDirectory()
        defer { TestSupport.removeDirectory(directory) }
        let path = directory.appendingPathComponent("finished.gz").path
        let writer = try GzipFileWriter(path: path)
        let descriptor = writer.fileDescriptor
        _ = try writer.finish(sync: false)
        #expect(writer.fileDescriptor == -1)
        #expect(Self.target(of: descriptor) != path)
    }

    static func target(of descriptor: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
    }
}
