import CISAL
import Synchronization

/// Writes one gzip member with ISA-L's igzip, a deflate about twice as fast as libdeflate's
/// fastest level (and several times zlib's) that still writes standard DEFLATE (any gzip
/// reader, `gzip -t`, accepts it): ``begin(level:path:sink:)``, ``feed(_:last:path:sink:)``
/// as often as needed, ``end(sink:)``; or ``compress(_:level:path:sink:)`` for a whole buffer.
///
/// The member has the same fixed header as ``GzipEncoder`` (no name, mtime 0, OS unknown) and
/// the CRC-32 / ISIZE trailer. The same sequence of calls with the same bytes gives the same
/// output (``GzipFileWriter`` feeds fixed-size pieces, so its output depends on the bytes alone).
/// Output goes to the sink in pieces of at most ``outputChunk`` bytes.
///
/// One owner at a time: an encoder is borrowed from a process-wide pool for one member and given
/// back (``borrow()``, ``giveBack(_:)``), so its 650 KiB of stream, level and output buffers are
/// allocated once per concurrent writer, not once per archive (which left freed blocks scattered
/// through malloc's arenas: peak RSS 50 → 85 MB on the benchmark).
final class IgzipEncoder: @unchecked Sendable {
    /// zlib's scale, as ``GzipFileWriter`` takes it: 1 (or -1 … 9 above it) maps to igzip's levels
    /// 1 to 3 (igzip 1 for zlib 1, 2 for 2 and 3, 3 for 4 to 9; -1 is zlib's 6). Level 0 (stored)
    /// is not igzip's: ``GzipFileWriter`` streams it through zlib.
    static func igzipLevel(zlibLevel level: Int32) -> UInt32 {
        switch level < 0 ? 6 : level {
        case ...1: return 1
        case 2...3: return 2
        default: return 3
        }
    }

    static let outputChunk = 64 * 1024

    /// Idle encoders; at most ``poolLimit`` are kept.
    private static let pool = Mutex<[IgzipEncoder]>([])
    static let poolLimit = 16

    /// An idle encoder, or a new one.
    static func borrow() -> IgzipEncoder {
        pool.withLock { $0.popLast() } ?? IgzipEncoder()
    }

    /// Returns `encoder` to the pool (or frees it when the pool is full).
    static func giveBack(_ encoder: IgzipEncoder) {
        pool.withLock { idle in
            if idle.count < poolLimit { idle.append(encoder) }
        }
    }

    private let stream: UnsafeMutablePointer<isal_zstream>
    private let levelBuffer: UnsafeMutableRawBufferPointer
    private let output: UnsafeMutableRawBufferPointer
    /// The member in progress: CRC-32 and size of the input so far, bytes written so far.
    private var crc: UInt32 = 0
    private var inputCount: UInt64 = 0
    private(set) var compressedCount: UInt64 = 0

    /// Buffers for any level (the level buffer has the size level 3 wants).
    private init() {
        stream = .allocate(capacity: 1)
        levelBuffer = .allocate(byteCount: Int(cisal_level_buffer_size(3)), alignment: 64)
        output = .allocate(byteCount: Self.outputChunk, alignment: 64)
    }

    deinit {
        stream.deallocate()
        levelBuffer.deallocate()
        output.deallocate()
    }

    /// Compresses `input` as one member and hands it to `sink`, in order, in one or more pieces.
    /// - Parameter level: 1...9 or -1, zlib's scale (see ``igzipLevel(zlibLevel:)``).
    /// - Returns: The summary of the member.
    func compress(
        _ input: UnsafeRawBufferPointer, level: Int32, path: String?,
        sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void
    ) throws(GzipError) -> GzipSummary {
        try begin(level: level, path: path, sink: sink)
        try feed(input, last: true, path: path, sink: sink)
        return try end(sink: sink)
    }

    /// Starts a member: resets the stream and writes the header.
    /// - Parameter level: 1...9 or -1, zlib's scale (see ``igzipLevel(zlibLevel:)``).
    func begin(level zlibLevel: Int32, path: String?, sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        guard (-1...9).contains(zlibLevel), zlibLevel != 0 else {
            throw GzipError(
                kind: .invalidArgument, path: path, offset: nil,
                message: "compression level \(zlibLevel) is out of range for igzip",
                suggestion: "Use a level from 1 to 9, or -1 for the default (6); level 0 streams through zlib.")
        }
        let level = Self.igzipLevel(zlibLevel: zlibLevel)
        isal_deflate_init(stream)
        stream.pointee.level = level
        stream.pointee.level_buf = levelBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.level_buf_size = cisal_level_buffer_size(level)
        stream.pointee.gzip_flag = 0  // raw DEFLATE: the header and trailer are written here
        stream.pointee.flush = UInt16(NO_FLUSH)
        crc = 0
        inputCount = 0
        compressedCount = 0
        try emit(GzipEncoder.header, to: sink)
    }

    /// Compresses `input`; with `last`, also everything igzip still holds, ending the DEFLATE
    /// stream.
    func feed(_ input: UnsafeRawBufferPointer, last: Bool, path: String?, sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        guard input.count <= Int(UInt32.max) else {
            throw GzipError(
                kind: .invalidArgument, path: path, offset: compressedCount,
                message: "\(input.count) bytes are too many for one igzip call",
                suggestion: "This indicates a bug: pieces fed to igzip must stay below 4 GiB.")
        }
        guard let out = output.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw GzipError(kind: .zlib, path: path, offset: compressedCount, message: "no output buffer", suggestion: "Retry.")
        }
        // igzip only reads the input; its field is not const.
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.end_of_stream = last ? 1 : 0
        repeat {
            stream.pointee.next_out = out
            stream.pointee.avail_out = UInt32(output.count)
            let status = isal_deflate(stream)
            guard status == COMP_OK else {
                throw GzipError(
                    kind: .zlib, path: path, offset: compressedCount,
                    message: "isal_deflate failed with status \(status) after \(stream.pointee.total_in) input bytes",
                    suggestion: "This indicates a bug; discard the partial output and retry.")
            }
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 {
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<produced]))
                compressedCount += UInt64(produced)
            }
        } while stream.pointee.avail_in > 0 || (last && cisal_deflate_finished(stream) == 0)
        if let base = input.baseAddress, !input.isEmpty {
            crc = crc32_gzip_refl(crc, base.assumingMemoryBound(to: UInt8.self), UInt64(input.count))
        }
        inputCount += UInt64(input.count)
    }

    /// Writes the trailer of a member whose last piece was fed.
    /// - Returns: The summary of the member.
    func end(sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) -> GzipSummary {
        let size = UInt32(truncatingIfNeeded: inputCount)
        var trailer = [UInt8](repeating: 0, count: 8)
        for i in 0..<4 {
            trailer[i] = UInt8(truncatingIfNeeded: crc >> UInt32(8 * i))
            trailer[4 + i] = UInt8(truncatingIfNeeded: size >> UInt32(8 * i))
        }
        try emit(trailer, to: sink)
        return GzipSummary(uncompressedBytes: inputCount, compressedBytes: compressedCount, crc32: crc)
    }

    /// Hands `bytes` (a header or trailer) to `sink` through the output buffer.
    private func emit(_ bytes: [UInt8], to sink: (UnsafeRawBufferPointer) throws(GzipError) -> Void) throws(GzipError) {
        for (i, byte) in bytes.enumerated() { output[i] = byte }
        try sink(UnsafeRawBufferPointer(rebasing: output[0..<bytes.count]))
        compressedCount += UInt64(bytes.count)
    }
}
