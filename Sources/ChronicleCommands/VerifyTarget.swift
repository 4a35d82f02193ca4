import ChronicleBag
import Foundation

/// What one argument of `chronicle verify` names: a bag, or an output folder whose every bag is
/// verified (`<out>/<source>/<run-id>/`, beside `<out>/.chronicle/`).
enum VerifyTarget {
    /// One bag folder.
    case bag(String)
    /// An output folder: each source's bags, oldest first, and its state database if there is one.
    case outputFolder(path: String, sources: [(name: String, bags: [String])], state: String?)

    /// Classifies `path`; a path that does not exist, or a folder that is neither a bag nor an
    /// output folder, is a usage error (nothing was verified, so nothing is damaged).
    static func classify(_ path: String) throws -> VerifyTarget {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("verify \(path): no such file or folder; give a bag folder (<out>/<source>/<run-id>) or an output folder (the --out of export)")
        }
        guard isDirectory.boolValue else {
            throw UsageError("verify \(path): is a file, not a folder; give a bag folder (<out>/<source>/<run-id>) or an output folder")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if fm.fileExists(atPath: path + "/bagit.txt") || RunID.isRunID(name) { return .bag(path) }
        var sources: [(name: String, bags: [String])] = []
        let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for entry in entries {
            let folder = path + "/" + entry
            let runs = (try? BagChain.runDirectories(in: folder)) ?? []
            if !runs.isEmpty { sources.append((entry, runs.map { folder + "/" + $0 })) }
        }
        let stateFile = path + "/.chronicle/state.sqlite"
        let hasState = fm.fileExists(atPath: path + "/.chronicle")
        guard hasState || !sources.isEmpty else {
            throw UsageError("verify \(path): neither a bag (no bagit.txt) nor an output folder (no .chronicle/ and no <source>/<run-id>/ bags)")
        }
        return .outputFolder(path: path, sources: sources, state: fm.fileExists(atPath: stateFile) ? stateFile : nil)
    }
}
