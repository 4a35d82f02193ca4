#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, durable POSIX file primitives (internal).
enum POSIXIO {
    /// The kind of a directory entry as seen by `lstat` (symlinks not followed).
    enum EntryKind: Equatable {
        case regular(size: Int64)
        case directory
        case symlink
        case other
        case missing
    }

    /// `lstat` the path; `.missing` when it does not exist.
    static func kind(of path: String) throws -> EntryKind {
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            throw error(code, "cannot inspect", path, "check permissions and run again")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int64(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// Names in a directory (without `.` and `..`), in bytewise order.
    static func listDirectory(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            throw error(errno, "cannot list directory", path, "check that it exists and is readable, then run again")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 {
                    throw error(errno, "cannot list directory", path, "check the disk and run again")
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return String(validating: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
                    ?? ""
            }
            guard !name.isEmpty else {
                throw BagError(what: "a file name that is not valid UTF-8 in", path: path,
                               remedy: "rename or remove that file; BagIt tag files are UTF-8")
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted(by: bytewiseLess)
    }

    /// Bytewise (UTF-8) ordering of two strings.
    static func bytewiseLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Creates `path` and writes `bytes` to it, then fsyncs it. Fails if it exists.
    static func writeNewFile(_ bytes: [UInt8], to path: String, what: String) throws {
        try writeNewFile(to: path, what: what) { emit in try emit(bytes) }
    }

    /// Creates `path` (which must not exist), writes every piece `produce` emits, fsyncs and
    /// closes it.
    static func writeNewFile(to path: String, what: String, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw error(errno, "cannot create \(what)", path, "check free space and permissions, then run again; no bag was published")
        }
        var closed = false
        defer { if !closed { _ = close(fd) } }
        try produce { bytes in try writeAll(fd: fd, bytes: bytes, path: path, what: what) }
        guard fsync(fd) == 0 else {
            throw error(errno, "cannot flush \(what) to disk", path, "check the disk and run again; no bag was published")
        }
        closed = true
        guard close(fd) == 0 else {
            throw error(errno, "cannot close \(what)", path, "check the disk and run again; no bag was published")
        }
    }

    /// Writes every byte, retrying on short writes and EINTR.
    static func writeAll(fd: Int32, bytes: [UInt8], path: String, what: String) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                guard let base = raw.baseAddress else { return }
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    throw error(code, "cannot write \(what)", path, "free space or fix the disk, then run again; no bag was published")
                }
                offset += written
            }
        }
    }

    /// Reads a whole regular file without following symlinks.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            throw error(errno, "cannot open", path, "check that it exists and is readable")
        }
        defer { _ = close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                let code = errno
                if code == EINTR { continue }
                throw error(code, "cannot read", path, "check the disk")
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }

    /// Opens `path` read-only (a file or a directory) and fsyncs it.
    static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            throw error(errno, "cannot open for flushing", path, "check permissions and run again; no bag was published")
        }
        defer { _ = close(fd) }
        if fsync(fd) != 0 {
            let code = errno
            // Some filesystems refuse fsync on directories; data is then as durable as they allow.
            if code == EINVAL || code == EROFS { return }
            throw error(code, "cannot flush to disk", path, "check the disk and run again; no bag was published")
        }
    }

    /// Flushes every dirty file and directory of the file system holding `path` with one
    /// `syncfs` (Linux): one journal commit instead of one per file. Returns false where
    /// `syncfs` is missing or fails, so the caller falls back to fsyncing file by file.
    static func syncFileSystem(containing path: String) -> Bool {
        #if os(Linux)
        // glibc declares syncfs only with _GNU_SOURCE, which the Glibc module does not set.
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "syncfs") else { return false }
        let syncfs = unsafeBitCast(symbol, to: SyncFS.self)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return false }
        defer { _ = close(fd) }
        return syncfs(fd) == 0
        #else
        return false
        #endif
    }

    private typealias SyncFS = @convention(c) (Int32) -> Int32

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// Result of a no-replace rename.
    enum RenameOutcome { case renamed, targetExists }

    /// Renames `from` to `to` without ever replacing an existing `to`.
    ///
    /// Uses `renameat2(RENAME_NOREPLACE)` where the kernel and filesystem offer
    /// it; otherwise reserves `to` with an exclusive `mkdir` and renames the
    /// (directory) `from` over that empty reservation.
    static func renameNoReplace(from: String, to: String) throws -> RenameOutcome {
        #if os(Linux)
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameNoReplaceFlag: UInt32 = 1
            if renameat2(AT_FDCWD, from, AT_FDCWD, to, renameNoReplaceFlag) == 0 { return .renamed }
            let code = errno
            if code == EEXIST || code == ENOTEMPTY { return .targetExists }
            if code != EINVAL && code != ENOSYS && code != EPERM {
                throw error(code, "cannot publish bag (rename failed)", to, "check the disk and permissions, then run again; no bag was published")
            }
        }
        #endif
        guard mkdir(to, 0o755) == 0 else {
            let code = errno
            if code == EEXIST { return .targetExists }
            throw error(code, "cannot publish bag (reserve name failed)", to, "check the disk and permissions, then run again; no bag was published")
        }
        guard rename(from, to) == 0 else {
            let code = errno
            _ = rmdir(to)
            throw error(code, "cannot publish bag (rename failed)", to, "check the disk and permissions, then run again; no bag was published")
        }
        return .renamed
    }

    /// Builds a BagError from an errno value.
    static func error(_ code: Int32, _ what: String, _ path: String, _ remedy: String) -> BagError {
        let reason: String
        switch code {
        case ENOSPC, EDQUOT: reason = "disk full"
        case EACCES, EPERM: reason = "permission denied"
        case EROFS: reason = "read-only filesystem"
        case EIO: reason = "input/output error"
        default: reason = String(cString: strerror(code))
        }
        let fix = (code == ENOSPC || code == EDQUOT) ? "free space and run again" + (remedy.contains("no bag was published") ? "; no bag was published" : "") : remedy
        return BagError(what: "\(reason) — \(what)", path: path, remedy: fix)
    }
}
