import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming SHA-256 of files.
public enum FileDigest {
    /// Size of the read buffer: 1 MiB.
    public static let bufferSize = 1 << 20

    /// Hashes the regular file at `path` in 1 MiB chunks (symlinks are not
    /// followed) and returns the lowercase hex digest and the byte count.
    public static func sha256(path: String) throws -> (hex: String, size: Int64) {
        try digest(path: path, using: SHA256.self)
    }

    /// Hashes the regular file at `path` with any hash function (a foreign bag's
    /// `manifest-sha512.txt`, `manifest-md5.txt`, …), as ``sha256(path:)`` does.
    static func digest<H: HashFunction>(path: String, using _: H.Type) throws -> (hex: String, size: Int64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            throw POSIXIO.error(errno, "cannot open file for hashing", path, "check that it exists, is a regular file and is readable")
        }
        defer { _ = close(fd) }
        var hasher = H()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, bufferSize)
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw POSIXIO.error(code, "cannot read file for hashing", path, "check the disk and run again")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += Int64(count)
        }
        return (HexEncoding.encode(hasher.finalize()), size)
    }

    /// SHA-256 hex of in-memory bytes.
    static func sha256(bytes: [UInt8]) -> String {
        HexEncoding.encode(SHA256.hash(data: bytes))
    }
}
