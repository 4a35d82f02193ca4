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
        var files: [File] = []
        var directories: [String] = []
        var problems: [(relativePath: String, problem: String)] = []
        Self.walk(dataDirectory, file: { files.append($0) }, directory: { directories.append($0) }, problem: { problems.append(($0, $1)) })
        self.files = files
        self.directories = directories
        self.problems = problems
    }

    /// Walks `dataDirectory` without following symlinks and without holding its list of files:
    /// `file` is called for each regular file in bytewise order of relative paths, `directory`
    /// with each directory's absolute path (parents first), `problem` for anything else. One
    /// directory's names are held at a time: each is sorted with a directory's name read as
    /// if followed by `/`, which puts every path in the same place as sorting them all would.
    static func walk(
        _ dataDirectory: String, file: (File) throws -> Void, directory: (String) throws -> Void,
        problem: (_ relativePath: String, _ problem: String) throws -> Void
    ) rethrows {
        try walk(absolute: dataDirectory, relative: "", file: file, directory: directory, problem: problem)
    }

    private static func walk(
        absolute: String, relative: String, file: (File) throws -> Void, directory: (String) throws -> Void,
        problem: (_ relativePath: String, _ problem: String) throws -> Void
    ) rethrows {
        try directory(absolute)
        let names: [String]
        do {
            names = try POSIXIO.listDirectory(absolute)
        } catch {
            try problem(relative.isEmpty ? "." : relative, "\(error)")
            return
        }
        var entries: [(key: String, name: String, kind: POSIXIO.EntryKind)] = []
        entries.reserveCapacity(names.count)
        for name in names {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            do {
                let kind = try POSIXIO.kind(of: Paths.join(absolute, name))
                entries.append((kind == .directory ? name + "/" : name, name, kind))
            } catch {
                try problem(childRelative, "\(error)")
            }
        }
        entries.sort { POSIXIO.bytewiseLess($0.key, $1.key) }
        for entry in entries {
            let childAbsolute = Paths.join(absolute, entry.name)
            let childRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
            switch entry.kind {
            case .regular(let size):
                try file(File(relativePath: childRelative, size: size))
            case .directory:
                try walk(absolute: childAbsolute, relative: childRelative, file: file, directory: directory, problem: problem)
            case .symlink:
                try problem(childRelative, "is a symbolic link; only regular files may be payload")
            case .other:
                try problem(childRelative, "is not a regular file (device, socket or pipe); only regular files may be payload")
            case .missing:
                try problem(childRelative, "disappeared while the bag was being read")
            }
        }
    }
}
