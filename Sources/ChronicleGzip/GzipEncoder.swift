import CZlib

/// The gzip framing + raw deflate engine shared by ``GzipFileWriter`` and
/// ``Gzip/compress(_:level:)``.
///
/// Determinism: input is staged into a fixed-size chunk and deflate is only ever
/// called with full chunks (plus the final partial chunk with `Z_FINISH`), and the
/// output buffer always has the same capacity. The sequence of zlib calls therefore
/// depends only on the input bytes and the level, never on how callers split writes.
/// Memory is bounded by the two fixed buffers plus zlib's own state.
final class GzipEncoder {
    /// Size of the staged input chunk handed to deflate.
    static let inputChunkSize = 64 * 1024
    /// Size of the compressed output buffer handed to the sink when full.
    static let outputBufferSize = 256 * 1024

    /// The fixed 10-byte header: magic, CM=8, FLG=0, MTIME=0, XFL=0, OS=255.
    static let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]

    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private let output: UnsafeMutableRawBufferPointer
    private let path: String?
    private var staged = 0
    private var outputUsed = 0
    private var streamInitialised = false

    /// CRC-32 of all uncompressed bytes so far.
    private(set) var crc: UInt32 = 0
    /// Uncompressed byte count so far.
    private(set) var uncompressedCount: UInt64 = 0
    /// Compressed bytes already handed to the sink.
    private(set) var emittedCount: UInt64 = 0

    /// Creates an encoder and places the gzip header in the output buffer.
    init(level: Int32, path: String?) throws(GzipError) {
        guard (-1...9).contains(level) else {
            throw GzipError(
                kind: .invalidArgument, path: path, offset: nil,
                message: "compression level \(level) is out of range",
                suggestion: "Use a level from 0 (store) to 9 (best), or -1 for zlib's default.")
        }
        self.path = path
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.inputChunkSize, alignment: 16)
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.outputBufferSize, alignment: 16)
        crc = UInt32(truncatingIfNeeded: crc32(0, nil, 0))
        let status = chronicle_deflate_init_raw(stream, level)
        guard status == Z_OK else {
            throw GzipError(
                kind: .zlib, path: path, offset: 0,
                message: "deflateInit2 failed with zlib status \(status)",
                suggestion: "The process may be out of memory; retry or free memory.")
        }
        streamInitialised = true
        for (index, byte) in Self.header.enumerated() {
            output[index] = byte
        }
        outputUsed = Self.header.count
    }

    deinit {
        if streamInitialised {
            deflateEnd(stream)
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        output.deallocate()
    }

    /// Total compressed bytes produced so far (emitted plus still buffered).
    var compressedCount: UInt64 { emittedCount + UInt64(outputUsed) }

    /// Adds uncompressed bytes; full output buffers are passed to `sink`.
    func write(
        _ bytes: UnsafeRawBufferPointer,
        sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void
    ) throws(GzipError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let take = min(Self.inputChunkSize - staged, bytes.count - offset)
            guard let destination = input.baseAddress else { return }
            (destination + staged).copyMemory(from: base + offset, byteCount: take)
            staged += take
            offset += take
            if staged == Self.inputChunkSize {
                try deflateStaged(flush: Z_NO_FLUSH, sink: sink)
            }
        }
    }

    /// Compresses any staged input, finishes the deflate stream, appends the trailer
    /// and passes all remaining output to `sink`.
    func finish(sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        try deflateStaged(flush: Z_FINISH, sink: sink)
        var trailer = [UInt8]()
        trailer.reserveCapacity(8)
        let size = UInt32(truncatingIfNeeded: uncompressedCount)
        for shift in stride(from: 0, to: 32, by: 8) {
            trailer.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift)))
        }
        for shift in stride(from: 0, to: 32, by: 8) {
            trailer.append(UInt8(truncatingIfNeeded: size >> UInt32(shift)))
        }
        if Self.outputBufferSize - outputUsed < trailer.count {
            try flushOutput(sink: sink)
        }
        for byte in trailer {
            output[outputUsed] = byte
            outputUsed += 1
        }
        try flushOutput(sink: sink)
    }

    private func flushOutput(sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        guard outputUsed > 0 else { return }
        try sink(UnsafeRawBufferPointer(rebasing: output[0..<outputUsed]))
        emittedCount += UInt64(outputUsed)
        outputUsed = 0
    }

    private func deflateStaged(
        flush: Int32,
        sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void
    ) throws(GzipError) {
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else { return }
        let inputBytes = inputBase.assumingMemoryBound(to: Bytef.self)
        if staged > 0 {
            crc = UInt32(truncatingIfNeeded: crc32(uLong(crc), inputBytes, uInt(staged)))
            uncompressedCount += UInt64(staged)
        }
        stream.pointee.next_in = inputBytes
        stream.pointee.avail_in = uInt(staged)
        while true {
            if outputUsed == Self.outputBufferSize {
                try flushOutput(sink: sink)
            }
            let room = Self.outputBufferSize - outputUsed
            stream.pointee.next_out = (outputBase + outputUsed).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(room)
            let status = CZlib.deflate(stream, flush)
            outputUsed += room - Int(stream.pointee.avail_out)
            if flush == Z_FINISH {
                if status == Z_STREAM_END { break }
                if status == Z_OK || status == Z_BUF_ERROR, stream.pointee.avail_out == 0 { continue }
            } else {
                if status == Z_OK || status == Z_BUF_ERROR {
                    if stream.pointee.avail_in == 0 { break }
                    if stream.pointee.avail_out == 0 { continue }
                }
            }
            throw GzipError(
                kind: .zlib, path: path, offset: compressedCount,
                message: "deflate failed with zlib status \(status)",
                suggestion: "This indicates memory exhaustion or a bug; discard the partial output and retry.")
        }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        staged = 0
    }
}
