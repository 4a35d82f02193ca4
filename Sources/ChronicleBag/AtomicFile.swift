#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe replacement of a whole file.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically and durably: a temporary file in the
    /// same directory is written, fsynced, renamed over `path`, and then the
    /// directory is fsynced. Readers see either the old or the new content.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = Paths.parent(of: path)
        let name = Paths.lastComponent(of: path)
        let temporary = Paths.join(directory, ".\(name).tmp-\(Paths.randomToken())")
        do {
            try POSIXIO.writeNewFile(bytes, to: temporary, what: "temporary file")
        } catch {
            _ = unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw POSIXIO.error(code, "cannot replace file", path, "check the disk and permissions, then run again")
        }
        try POSIXIO.fsyncPath(directory)
    }
}
