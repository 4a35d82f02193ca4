import ChronicleBag

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file this layer writes, through plain POSIX calls: `FileManager.createFile` writes an empty
/// temporary file and renames it (two extra inodes and syscalls per page) and `FileHandle`
/// copies every piece into `Data`. Errors are ``RenderError``s naming the file.
/// Hashes what it writes (SHA-256), so a bag need not read the file back.
final class OutputFile {
    private var descriptor: Int32
    let path: String
    private let digest: StreamingSHA256
    var byteCount: Int64 { digest.byteCount }

    /// Creates `path`, or empties it if it exists (it is always a `.partial` of this writer).
    init(creating path: String) throws {
        self.path = path
        digest = StreamingSHA256()
        descriptor = try Self.openFile(path, flags: O_CREAT | O_TRUNC, what: "cannot create the file")
    }

    /// Opens `path` to write at its end, going on with the digest of what it holds (`state`, a
    /// ``snapshot()`` taken when it was written); the file must be exactly that long.
    init(appendingTo path: String, resuming state: StreamingSHA256.State) throws {
        self.path = path
        digest = StreamingSHA256(resuming: state)
        descriptor = try Self.openFile(path, flags: O_APPEND, what: "cannot open the file again")
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int64(status.st_size) == state.byteCount else {
            _ = closeDescriptor(descriptor)
            descriptor = -1
            throw RenderError(path: path, message: "the unfinished page is not as it was written (\(state.byteCount) bytes expected); something else wrote into the output folder; run again")
        }
    }

    private static func openFile(_ path: String, flags: Int32, what: String) throws -> Int32 {
        while true {
            let descriptor = openDescriptor(path, O_WRONLY | O_CLOEXEC | flags, 0o644)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { break }
        }
        throw failure(what, path: path)
    }

    /// The digest so far, to go on with through ``init(appendingTo:resuming:)``.
    func snapshot() -> StreamingSHA256.State {
        digest.snapshot()
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var pointer = bytes.baseAddress else { return }
        digest.update(bytes)
        var remaining = bytes.count
        while remaining > 0 {
            let written = writeDescriptor(descriptor, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure("writing failed", path: path)
            }
            pointer += written
            remaining -= written
        }
    }

    /// Appends the whole content of the file at `source`, read in 1 MiB pieces.
    func copy(from source: String) throws {
        var input: Int32
        repeat { input = open(source, O_RDONLY | O_CLOEXEC) } while input < 0 && errno == EINTR
        guard input >= 0 else { throw Self.failure("cannot read the file back", path: source) }
        defer { _ = closeDescriptor(input) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = read(input, chunk.baseAddress, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure("reading failed", path: source)
            }
            if count == 0 { return }
            try write(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
        }
    }

    /// The SHA-256 of everything written, as 64 lowercase hex digits.
    func sha256() -> String {
        digest.finalizeHex()
    }

    func synchronize() throws {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw Self.failure("cannot flush the file to disk", path: path) }
        }
    }

    /// Closes the file; later calls do nothing.
    func close() throws {
        guard descriptor >= 0 else { return }
        let result = closeDescriptor(descriptor)
        descriptor = -1
        if result != 0 && errno != EINTR { throw Self.failure("closing failed", path: path) }
    }

    deinit {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
    }

    private static func failure(_ what: String, path: String) -> RenderError {
        let code = errno
        let reason = (code == ENOSPC || code == EDQUOT) ? "disk full; free space and run again" : String(cString: strerror(code))
        return RenderError(path: path, message: "\(what): \(reason)")
    }
}

// The free functions, out of reach of the methods of the same names.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func openDescriptor(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
