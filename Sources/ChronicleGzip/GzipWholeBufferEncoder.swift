import CLibDeflate

/// Compresses a whole buffer into one gzip member with libdeflate, a faster deflate than zlib
/// that still writes standard DEFLATE (any gzip reader, `gzip -t`, accepts it).
///
/// The member has the same fixed header as ``GzipEncoder`` (no name, mtime 0, OS unknown) and
/// the CRC-32 / ISIZE trailer. libdeflate is deterministic: the same bytes and level give the
/// same output. It needs the whole input in memory, so callers bound the input size
/// (``GzipFileWriter`` falls back to streaming zlib above its bound).
///
/// Not `Sendable`: one owner. Keeps one compressor and one output buffer for reuse.
final class GzipWholeBufferEncoder {
    private let compressor: OpaquePointer
    private var output: UnsafeMutableRawBufferPointer
    let level: Int32

    /// - Parameter level: 0...9 (libdeflate's own scale matches zlib's up to 9), or -1 for 6.
    init(level: Int32, path: String?) throws(GzipError) {
        guard (-1...9).contains(level) else {
            throw GzipError(
                kind: .invalidArgument, path: path, offset: nil,
                message: "compression level \(level) is out of range",
                suggestion: "Use a level from 0 (store) to 9 (best), or -1 for the default (6).")
        }
        self.level = level < 0 ? 6 : level
        guard let compressor = libdeflate_alloc_compressor(self.level) else {
            throw GzipError(
                kind: .zlib, path: path, offset: 0,
                message: "libdeflate_alloc_compressor failed",
                suggestion: "The process may be out of memory; retry or free memory.")
        }
        self.compressor = compressor
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 16)
    }

    deinit {
        libdeflate_free_compressor(compressor)
        output.deallocate()
    }

    /// Compresses `input` and hands the complete gzip member to `sink` (one call).
    /// - Returns: The summary of the member.
    func compress(
        _ input: UnsafeRawBufferPointer, path: String?,
        sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void
    ) throws(GzipError) -> GzipSummary {
        let header = GzipEncoder.header
        let bound = libdeflate_deflate_compress_bound(compressor, input.count)
        let needed = header.count + bound + 8
        if output.count < needed {
            output.deallocate()
            output = UnsafeMutableRawBufferPointer.allocate(byteCount: needed, alignment: 16)
        }
        guard let outBase = output.baseAddress else {
            throw GzipError(kind: .zlib, path: path, offset: 0, message: "no output buffer", suggestion: "Retry.")
        }
        for (i, byte) in header.enumerated() { output[i] = byte }
        let body = libdeflate_deflate_compress(compressor, input.baseAddress, input.count, outBase + header.count, bound)
        guard body > 0 || input.isEmpty else {
            throw GzipError(
                kind: .zlib, path: path, offset: 0,
                message: "libdeflate_deflate_compress returned no output for \(input.count) bytes",
                suggestion: "This indicates a bug; discard the partial output and retry.")
        }
        var end = header.count + body
        if input.isEmpty && body == 0 {
            // An empty final stored block: what zlib writes for empty input.
            output[end] = 0x03
            output[end + 1] = 0x00
            end += 2
        }
        let crc = UInt32(truncatingIfNeeded: libdeflate_crc32(0, input.baseAddress, input.count))
        let size = UInt32(truncatingIfNeeded: input.count)
        for shift in stride(from: 0, to: 32, by: 8) {
            output[end] = UInt8(truncatingIfNeeded: crc >> UInt32(shift))
            end += 1
        }
        for shift in stride(from: 0, to: 32, by: 8) {
            output[end] = UInt8(truncatingIfNeeded: size >> UInt32(shift))
            end += 1
        }
        try sink(UnsafeRawBufferPointer(rebasing: output[0..<end]))
        return GzipSummary(uncompressedBytes: UInt64(input.count), compressedBytes: UInt64(end), crc32: crc)
    }
}
