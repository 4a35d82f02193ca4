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
        try write(to: path) { emit in try emit(bytes) }
    }

    /// Like ``write(_:to:)``, for content produced in pieces: `produce` calls `emit` with each
    /// piece in order, so a large file never has to be held whole in memory.
    public static func write(to path: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let directory = Paths.parent(of: path)
        let name = Paths.lastComponent(of: path)
        let temporary = Paths.join(directory, ".\(name).tmp-\(Paths.randomToken())")
        do {
            try POSIXIO.writeNewFile(to: temporary, what: "temporary file", produce)
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
