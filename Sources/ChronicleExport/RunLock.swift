import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One run per output folder: an exclusive OS lock on `<out>/.chronicle/lock`, released by the
/// kernel when the process dies, so a killed run never leaves a stale lock.
public final class RunLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock or throws ``ExportError`` (`lockHeld`) naming the process that holds it.
    public init(outputDirectory: String) throws {
        let dir = outputDirectory + "/.chronicle"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw ExportError(.output, path: dir, message: "cannot create the state folder: \(error.localizedDescription); check that the output folder is writable")
        }
        path = dir + "/lock"
        // Never follow a link planted in the state folder: opening it for writing would truncate
        // and overwrite whatever it points at.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                throw ExportError(.output, path: path, message: "the lock file is a symbolic link; Chronicle does not follow it (it would overwrite the file it points at); remove it and run again")
            }
            throw ExportError(.output, path: path, message: "cannot open the lock file: \(String(cString: strerror(code))); check that the output folder is writable")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ExportError(.output, path: path, message: "the lock file is not a regular file; remove it and run again")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.readHolder(fd)
            close(fd)
            throw ExportError(.lockHeld, path: path, message: "another Chronicle run holds the lock on this output folder (\(holder)); wait for it to finish")
        }
        self.fd = fd
        let text = "pid \(getpid()) since \(Date())\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = pread(fd, &buffer, 200, 0)
        guard n > 0 else { return "process unknown" }
        return String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
