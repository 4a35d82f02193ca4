import CZlib

/// Strict single-member gzip decoder shared by ``GzipStrictReader`` and
/// ``Gzip/decompress(_:)``. Memory is bounded by the source chunk, a fixed output
/// buffer and zlib's inflate window.
enum GzipDecoder {
    /// Size of each decompressed chunk handed to `consume`.
    static let outputChunkSize = 64 * 1024

    private static let flagHeaderCRC: UInt8 = 0x02
    private static let flagExtra: UInt8 = 0x04
    private static let flagName: UInt8 = 0x08
    private static let flagComment: UInt8 = 0x10
    private static let reservedFlags: UInt8 = 0xe0

    /// Decodes exactly one gzip member from `source`, then requires end of input.
    /// Errors thrown by `consume` propagate unchanged.
    static func decode(
        source: GzipByteSource,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> GzipSummary {
        try parseHeader(source)
        let (crc, size) = try inflateBody(source, consume: consume)
        try checkTrailer(source, crc: crc, size: size)
        let end = source.offset
        if let first = try source.nextByte() {
            let second = try source.nextByte()
            if first == 0x1f, second == 0x8b {
                throw GzipIntegrityError(
                    kind: .multipleMembers, path: source.path, offset: end,
                    message: "a second gzip member starts after the first; exactly one is allowed")
            }
            throw GzipIntegrityError(
                kind: .trailingData, path: source.path, offset: end,
                message: "unexpected bytes after the end of the gzip member")
        }
        return GzipSummary(uncompressedBytes: size, compressedBytes: end, crc32: crc)
    }

    // MARK: - Header

    private static func parseHeader(_ source: GzipByteSource) throws(GzipIntegrityError) {
        var headerCRC = UInt32(truncatingIfNeeded: crc32(0, nil, 0))
        func byte(_ what: String) throws(GzipIntegrityError) -> UInt8 {
            let at = source.offset
            guard let value = try source.nextByte() else {
                if at == 0 {
                    throw GzipIntegrityError(
                        kind: .notGzip, path: source.path, offset: 0, message: "input is empty")
                }
                throw GzipIntegrityError(
                    kind: .truncated, path: source.path, offset: at,
                    message: "input ends inside the gzip header (\(what))")
            }
            var copy = value
            headerCRC = UInt32(truncatingIfNeeded: crc32(uLong(headerCRC), &copy, 1))
            return value
        }
        func headerError(_ at: UInt64, _ message: String) -> GzipIntegrityError {
            GzipIntegrityError(kind: .badHeader, path: source.path, offset: at, message: message)
        }

        let id1 = try byte("magic")
        guard id1 == 0x1f else {
            throw GzipIntegrityError(
                kind: .notGzip, path: source.path, offset: 0,
                message: "missing gzip magic bytes 1f 8b")
        }
        let id2 = try byte("magic")
        guard id2 == 0x8b else {
            throw GzipIntegrityError(
                kind: .notGzip, path: source.path, offset: 1,
                message: "missing gzip magic bytes 1f 8b")
        }
        let method = try byte("compression method")
        guard method == 8 else {
            throw headerError(2, "compression method \(method) is not deflate (8)")
        }
        let flags = try byte("flags")
        guard flags & reservedFlags == 0 else {
            throw headerError(3, "reserved flag bits are set (FLG = 0x\(String(flags, radix: 16)))")
        }
        for _ in 0..<6 {  // MTIME (4), XFL, OS
            _ = try byte("fixed fields")
        }
        if flags & flagExtra != 0 {
            let low = try byte("FEXTRA length")
            let high = try byte("FEXTRA length")
            let length = Int(low) | Int(high) << 8
            for _ in 0..<length {
                _ = try byte("FEXTRA data")
            }
        }
        if flags & flagName != 0 {
            while try byte("FNAME") != 0 {}
        }
        if flags & flagComment != 0 {
            while try byte("FCOMMENT") != 0 {}
        }
        if flags & flagHeaderCRC != 0 {
            let expected = UInt16(truncatingIfNeeded: headerCRC)
            let at = source.offset
            let low = try byte("FHCRC")
            let high = try byte("FHCRC")
            let stored = UInt16(low) | UInt16(high) << 8
            guard stored == expected else {
                throw headerError(at, "header CRC16 mismatch")
            }
        }
        // FTEXT (0x01) is informational only.
    }

    // MARK: - Body

    private static func inflateBody(
        _ source: GzipByteSource,
        consume: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> (crc: UInt32, size: UInt64) {
        let stream = try GzipInflateStream(path: source.path, offset: source.offset)
        var crc = UInt32(truncatingIfNeeded: crc32(0, nil, 0))
        var size: UInt64 = 0
        var produced = 0
        while true {
            // At end of input, inflate may still hold output if the last call filled
            // the output buffer; only then is one more call with no input meaningful.
            guard try source.fill() || produced == GzipDecoder.outputChunkSize else {
                throw GzipIntegrityError(
                    kind: .truncated, path: source.path, offset: source.offset,
                    message: "input ends inside the deflate data")
            }
            let input = source.available
            var status: Int32 = Z_OK
            var consumed = 0
            produced = 0
            try stream.inflate(input) { (used: Int, output: UnsafeRawBufferPointer, result: Int32) in
                consumed = used
                produced = output.count
                status = result
                if !output.isEmpty {
                    if let base = output.baseAddress {
                        crc = UInt32(truncatingIfNeeded: crc32(
                            uLong(crc), base.assumingMemoryBound(to: Bytef.self), uInt(output.count)))
                    }
                    size += UInt64(output.count)
                    try consume(output)
                }
            }
            source.advance(by: consumed)
            switch status {
            case Z_STREAM_END:
                return (crc, size)
            case Z_OK, Z_BUF_ERROR:
                if consumed == 0, produced == 0, !input.isEmpty {  // cannot happen with valid zlib
                    throw GzipIntegrityError(
                        kind: .corruptDeflate, path: source.path, offset: source.offset,
                        message: "inflate made no progress (zlib status \(status))")
                }
            case Z_MEM_ERROR:
                throw GzipIntegrityError(
                    kind: .io, path: source.path, offset: source.offset,
                    message: "zlib ran out of memory while inflating")
            default:
                throw GzipIntegrityError(
                    kind: .corruptDeflate, path: source.path, offset: source.offset,
                    message: "invalid deflate data: \(stream.lastMessage ?? "zlib status \(status)")")
            }
        }
    }

    // MARK: - Trailer

    private static func checkTrailer(
        _ source: GzipByteSource, crc: UInt32, size: UInt64
    ) throws(GzipIntegrityError) {
        let crcOffset = source.offset
        var fields: [UInt32] = []
        for _ in 0..<2 {
            var value: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) {
                guard let byte = try source.nextByte() else {
                    throw GzipIntegrityError(
                        kind: .truncated, path: source.path, offset: source.offset,
                        message: "input ends inside the gzip trailer")
                }
                value |= UInt32(byte) << UInt32(shift)
            }
            fields.append(value)
        }
        let storedCRC = fields[0]
        let storedSize = fields[1]
        guard storedCRC == crc else {
            throw GzipIntegrityError(
                kind: .crcMismatch, path: source.path, offset: crcOffset,
                message: "stored CRC-32 \(hex(storedCRC)) does not match computed \(hex(crc))")
        }
        let actualSize = UInt32(truncatingIfNeeded: size)
        guard storedSize == actualSize else {
            throw GzipIntegrityError(
                kind: .sizeMismatch, path: source.path, offset: crcOffset + 4,
                message: "stored ISIZE \(storedSize) does not match decompressed size \(size) mod 2^32")
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
