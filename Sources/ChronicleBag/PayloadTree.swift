/// A recursive `lstat` walk of a bag's `data/` directory (internal).
struct PayloadTree {
    /// A regular payload file.
    struct File {
        /// Path relative to `data/`, components joined with `/`.
        let relativePath: String
        let size: Int64
    }

    /// Regular files, sorted bytewise by relative path.
    private(set) var files: [File] = []
    /// Absolute paths of every directory, `data/` itself included.
    private(set) var directories: [String] = []
    /// Entries that are not regular files or directories, or unreadable
    /// directories: (path relative to `data/`, problem).
    private(set) var problems: [(relativePath: String, problem: String)] = []

    /// Walks `dataDirectory` without following symlinks.
    init(walking dataDirectory: String) {
        walk(absolute: dataDirectory, relative: "")
        files.sort { POSIXIO.bytewiseLess($0.relativePath, $1.relativePath) }
    }

    private mutating func walk(absolute: String, relative: String) {
        directories.append(absolute)
        let names: [String]
        do {
            names = try POSIXIO.listDirectory(absolute)
        } catch {
            problems.append((relative.isEmpty ? "." : relative, "\(error)"))
            return
        }
        for name in names {
            let childAbsolute = Paths.join(absolute, name)
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            do {
                switch try POSIXIO.kind(of: childAbsolute) {
                case .regular(let size):
                    files.append(File(relativePath: childRelative, size: size))
                case .directory:
                    walk(absolute: childAbsolute, relative: childRelative)
                case .symlink:
                    problems.append((childRelative, "is a symbolic link; only regular files may be payload"))
                case .other:
                    problems.append((childRelative, "is not a regular file (device, socket or pipe); only regular files may be payload"))
                case .missing:
                    problems.append((childRelative, "disappeared while the bag was being read"))
                }
            } catch {
                problems.append((childRelative, "\(error)"))
            }
        }
    }
}
