#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls this module needs.
enum POSIX {
    /// `strerror` text for an errno value.
    static func errorString(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }

    /// The current thread's errno.
    static var lastError: Int32 { errno }

    /// Opens `path` for writing: create or truncate, close-on-exec, mode 0644.
    /// Returns the descriptor or the errno value.
    static func openForWriting(_ path: String) -> Result<Int32, SystemError> {
        while true {
            let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode_t(0o644))
            if fd >= 0 { return .success(fd) }
            let code = errno
            if code == EINTR { continue }
            return .failure(SystemError(code: code))
        }
    }

    /// Opens `path` read-only, close-on-exec.
    static func openForReading(_ path: String) -> Result<Int32, SystemError> {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { return .success(fd) }
            let code = errno
            if code == EINTR { continue }
            return .failure(SystemError(code: code))
        }
    }

    /// Writes all of `bytes`, retrying on short writes and EINTR.
    /// Returns `nil` on success, otherwise the errno value.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var pointer = bytes.baseAddress else { return nil }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, pointer, remaining)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                return code
            }
            if written == 0 { return EIO }
            pointer += written
            remaining -= written
        }
        return nil
    }

    /// Reads up to `buffer.count` bytes, retrying on EINTR.
    /// Returns the byte count (0 at end of file) or the errno value.
    static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, SystemError> {
        guard let base = buffer.baseAddress else { return .success(0) }
        while true {
            let count = read(fd, base, buffer.count)
            if count >= 0 { return .success(count) }
            let code = errno
            if code == EINTR { continue }
            return .failure(SystemError(code: code))
        }
    }

    /// `fsync`, retrying on EINTR. Returns `nil` on success, otherwise errno.
    static func sync(_ fd: Int32) -> Int32? {
        while true {
            if fsync(fd) == 0 { return nil }
            let code = errno
            if code == EINTR { continue }
            return code
        }
    }

    /// `close` (never retried: on Linux the descriptor is gone even on EINTR).
    /// Returns `nil` on success, otherwise errno.
    static func closeDescriptor(_ fd: Int32) -> Int32? {
        let result = close(fd)
        if result == 0 { return nil }
        let code = errno
        return code == EINTR ? nil : code
    }
}
