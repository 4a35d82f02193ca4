/// What `chronicle --version` prints, and the one place the version number is written:
/// scripts/package reads the Debian package's version from the built binary's `--version`.
public enum BuildInfo {
    /// The release version (semantic versioning). Bump it here, and only here.
    public static let version = "0.1.0"

    /// The full commit hash the binary was built from, `<hash>-dirty` when tracked files had
    /// changes, or `unknown` (built outside a git checkout, e.g. from a source tarball).
    public static let commit = GeneratedCommit.commit

    /// The commit's date (`YYYY-MM-DD`, the committer's date: the same commit always gives the
    /// same line, so builds stay reproducible), or `unknown`.
    public static let commitDate = GeneratedCommit.date

    /// One line, stable for scripts:
    /// `chronicle 0.1.0 (commit 0123…cdef, 2026-12-06)`, `chronicle 0.1.0 (commit 0123…cdef-dirty, 2026-12-06)`
    /// or `chronicle 0.1.0 (commit unknown)`. Scripts read the version as the second word.
    public static var versionLine: String {
        if commit == "unknown" || commitDate == "unknown" {
            return "chronicle \(version) (commit \(commit))"
        }
        return "chronicle \(version) (commit \(commit), \(commitDate))"
    }
}
