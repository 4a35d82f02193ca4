/// In-memory gzip compression and strict decompression, byte-compatible with
/// ``GzipFileWriter`` and ``GzipStrictReader``.
public enum Gzip {
    /// Compresses `bytes` into a single gzip member with the same fixed header and the
    /// same bytes that ``GzipFileWriter`` produces for the same input and level.
    ///
    /// - Parameter level: zlib compression level, 0...9, or -1 for zlib's default (6).
    /// - Throws: ``GzipError`` with kind `.invalidArgument` or `.zlib`.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        let encoder = try GzipEncoder(level: level, path: nil)
        var result: [UInt8] = []
        let sink = { (chunk: UnsafeRawBufferPointer) throws(GzipError) in
            result.append(contentsOf: chunk)
        }
        let outcome: Result<Void, GzipError> = bytes.withUnsafeBytes { buffer in
            do throws(GzipError) {
                try encoder.write(buffer, sink: sink)
                try encoder.finish(sink: sink)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
        return result
    }

    /// Decompresses `bytes`, which must be exactly one complete, valid gzip member with
    /// no trailing bytes (the same checks as ``GzipStrictReader/read(path:consume:)``).
    ///
    /// - Throws: ``GzipIntegrityError`` describing the first problem found.
    public static func decompress(_ bytes: [UInt8]) throws(GzipIntegrityError) -> [UInt8] {
        let source = GzipByteSource(bytes: bytes)
        var result: [UInt8] = []
        do {
            _ = try GzipDecoder.decode(source: source) { chunk in
                result.append(contentsOf: chunk)
            }
        } catch let error as GzipIntegrityError {
            throw error
        } catch {
            throw GzipIntegrityError(kind: .io, path: nil, offset: nil, message: "\(error)")
        }
        return result
    }
}
