import Foundation

/// The Python environments `scripts/ensure-python-venvs` makes under `.build-py/` (the real
/// AgentScope server, Vectara's SDK). A test that needs one fails, never skips, when it is missing:
/// a check by a real part must run.
public enum PythonVenv {
    /// `.build-py/<name>/bin/python`, or an error that says how to make it.
    public static func python(_ name: String) throws -> String {
        let path = Repository.root + "/.build-py/\(name)/bin/python"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw SupportError("the Python environment '\(name)' is missing (\(path)); run scripts/ensure-python-venvs (scripts/test does)")
        }
        return path
    }
}
