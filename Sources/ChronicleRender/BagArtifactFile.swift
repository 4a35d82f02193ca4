import ChronicleBag
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an artifact Chronicle stored in a bag (`data/artifacts/<sha256>.<ext>`) for `render`
/// and `share`, trusting nothing on disk: the `artifacts` folder must be a real folder, the file
/// a regular file reached without following a link (a planted link embedded `/etc/shadow` in a
/// shared page; a FIFO hung the command), and its bytes must hash to the digest its name — the
/// manifest's digest — carries. Anything else is not used.
enum BagArtifactFile {
    /// The bytes of the stored artifact when they are at most `limit` bytes and sound, else nil.
    static func read(dataDirectory: String, storedPath: String, limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        let sound = stream(dataDirectory: dataDirectory, storedPath: storedPath, limit: Int64(limit)) { out.append(contentsOf: $0) }
        return sound ? out : nil
    }

    /// Copies the stored artifact to `destination` (written to a temporary name, renamed when
    /// sound); false, and nothing left behind, when it is not sound.
    static func copy(dataDirectory: String, storedPath: String, to destination: String) throws -> Bool {
        let temporary = destination + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw RenderError(path: destination, message: "cannot create the artifact copy: \(String(cString: strerror(errno)))")
        }
        var writeFailed: Int32 = 0
        let sound = stream(dataDirectory: dataDirectory, storedPath: storedPath, limit: .max) { piece in
            guard writeFailed == 0 else { return }
            piece.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        writeFailed = errno
                        return
                    }
                    offset += n
                }
            }
        }
        let synced = writeFailed == 0 && fsync(fd) == 0
        close(fd)
        guard sound, synced, rename(temporary, destination) == 0 else {
            let code = writeFailed != 0 ? writeFailed : errno
            unlink(temporary)
            if sound { throw RenderError(path: destination, message: "cannot write the artifact copy: \(String(cString: strerror(code)))") }
            return false
        }
        return true
    }

    /// Streams the file's bytes to `body` in pieces; true when the whole file was read, was at
    /// most `limit` bytes and hashed to the digest of its name.
    private static func stream(dataDirectory: String, storedPath: String, limit: Int64, _ body: ([UInt8]) -> Void) -> Bool {
        guard ArtifactPresenter.isStoredPath(storedPath) else { return false }
        let expected = String(storedPath.dropFirst("artifacts/".count).prefix(64))
        var folder = stat()
        guard lstat(dataDirectory + "/artifacts", &folder) == 0, (folder.st_mode & S_IFMT) == S_IFDIR else { return false }
        let fd = open(dataDirectory + "/" + storedPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) <= limit else { return false }
        let hasher = StreamingSHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total: Int64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            if n == 0 { break }
            total += Int64(n)
            guard total <= limit else { return false }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            body(Array(buffer[0..<n]))
        }
        return hasher.finalizeHex() == expected
    }
}
