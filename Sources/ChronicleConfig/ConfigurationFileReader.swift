#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the bytes of a configuration file, or says why it cannot: no such file, permission
/// denied, a directory, too large.
enum ConfigurationFileReader {
    /// A configuration file is a few kilobytes; this bounds what a wrong path (a device, a log)
    /// can make the process read.
    static let maximumSize = 4 * 1024 * 1024

    static func read(path: String) throws(ConfigurationError) -> [UInt8] {
        func failure(_ reason: String) -> ConfigurationError {
            ConfigurationError(file: path, line: 0, key: "", message: "the configuration file cannot be read: \(reason)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(reason(errno)) }
        if info.st_mode & S_IFMT == S_IFDIR { throw failure("it is a directory; give the path of a TOML file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(reason(errno))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maximumSize {
                throw failure("it is larger than \(maximumSize / 1024 / 1024) MiB, too large for a configuration file")
            }
        }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file (check the --config path)"
        case EACCES, EPERM: return "permission denied (the user running chronicle needs read access)"
        case EISDIR: return "it is a directory; give the path of a TOML file"
        case ENOTDIR: return "a part of the path is not a directory"
        case ELOOP: return "too many symbolic links in the path"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(code))
        }
    }
}

/// `read(2)` under a name that does not clash with the method above.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
