import ChronicleFuzzSupport
import ChronicleGzip
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// zlib's own gzip inflate as the oracle: the bytes of the first member when it ends with
/// Z_STREAM_END and nothing follows it, else nil.
private func zlibReference(_ input: [UInt8]) -> [UInt8]? {
    guard !input.isEmpty else { return nil }
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        fuzzFailure("inflateInit2 failed")
    }
    defer { inflateEnd(&stream) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var input = input
    return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
        stream.next_in = source.baseAddress
        stream.avail_in = uInt(source.count)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            out.append(contentsOf: chunk[0..<produced])
            if status == Z_STREAM_END { return stream.avail_in == 0 ? out : nil }
            if status != Z_OK { return nil }
            if produced == 0 && stream.avail_in == 0 { return nil }
        }
    }
}

private let temporaryPath = "/tmp/chronicle-fuzz-gzip-\(getpid()).gz"

/// The strict reader over a file holding `bytes` (the path `chronicle verify` takes).
private func readFromFile(_ bytes: [UInt8]) -> Result<[UInt8], GzipIntegrityError> {
    let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fuzzFailure("cannot create \(temporaryPath)") }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { fuzzFailure("short write to \(temporaryPath)") }
    var out: [UInt8] = []
    do {
        let summary = try GzipStrictReader.read(path: temporaryPath) { out.append(contentsOf: $0) }
        if summary.uncompressedBytes != UInt64(out.count) || summary.compressedBytes != UInt64(bytes.count) {
            fuzzFailure("summary \(summary) does not match \(out.count) bytes out of \(bytes.count)")
        }
        return .success(out)
    } catch let error as GzipIntegrityError {
        return .failure(error)
    } catch {
        fuzzFailure("unexpected error type \(type(of: error)): \(error)")
    }
}

/// Input: a mode byte, then (even modes) a payload that is compressed and then possibly
/// corrupted at a position the next bytes pick, or (odd modes) the gzip input itself.
/// Invariants: never a crash; in memory and from a file give the same answer; the strict
/// reader accepts exactly what zlib inflates as one whole member, with the same bytes;
/// decompress(compress(x)) == x.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    var gzip: [UInt8]
    if mode & 1 == 0 {
        let corruptAt = input.int(below: 1 << 16)
        let corruptWith = input.byte()
        let payload = input.rest()
        do {
            gzip = try Gzip.compress(payload, level: Int32(mode >> 1 & 7))
        } catch {
            fuzzFailure("compress failed: \(error)")
        }
        guard let roundTrip = try? Gzip.decompress(gzip), roundTrip == payload else {
            fuzzFailure("decompress(compress(x)) != x for \(payload.count) bytes")
        }
        if mode & 2 != 0 && !gzip.isEmpty {
            gzip[corruptAt % gzip.count] ^= corruptWith | 1
        } else if mode & 4 != 0 {
            gzip.removeLast(min(gzip.count, corruptAt % 9))
        }
    } else {
        gzip = input.rest()
    }
    let memory: Result<[UInt8], GzipIntegrityError>
    do throws(GzipIntegrityError) {
        memory = .success(try Gzip.decompress(gzip))
    } catch {
        memory = .failure(error)
    }
    let file = readFromFile(gzip)
    switch (memory, file) {
    case (.success(let a), .success(let b)):
        if a != b { fuzzFailure("file and memory give different bytes") }
    case (.failure(let a), .failure(let b)):
        if a.kind != b.kind || a.offset != b.offset {
            fuzzFailure("file and memory give different errors: \(a) vs \(b)")
        }
    default:
        fuzzFailure("file and memory disagree: \(memory) vs \(file)")
    }
    let reference = zlibReference(gzip)
    if (try? memory.get()) != reference {
        fuzzFailure("strict reader \(memory) but zlib \(reference.map { "inflates \($0.count) bytes" } ?? "rejects")")
    }
    return 0
}
