import CZlib

/// Owns a raw-inflate `z_stream` at a stable address and a fixed output buffer;
/// releases both on deinit.
final class GzipInflateStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableRawBufferPointer

    /// Initialises raw inflate (windowBits -15).
    init(path: String?, offset: UInt64) throws(GzipIntegrityError) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutableRawBufferPointer.allocate(
            byteCount: GzipDecoder.outputChunkSize, alignment: 16)
        let status = chronicle_inflate_init_raw(stream)
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            output.deallocate()
            throw GzipIntegrityError(
                kind: .io, path: path, offset: offset,
                message: "inflateInit2 failed with zlib status \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// zlib's message for the last error, if any.
    var lastMessage: String? {
        guard let message = stream.pointee.msg else { return nil }
        return String(cString: message)
    }

    /// Runs one `inflate` call over `input` into the fixed output buffer and reports
    /// the bytes consumed, the bytes produced (valid only during the callback) and the
    /// zlib status.
    func inflate(
        _ input: UnsafeRawBufferPointer,
        report: (Int, UnsafeRawBufferPointer, Int32) throws -> Void
    ) throws {
        guard let outputBase = output.baseAddress else { return }
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let used = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try report(used, UnsafeRawBufferPointer(rebasing: output[0..<produced]), status)
    }
}
