import ChronicleBag
import ChronicleRedact
import Foundation

/// A transcript written up to where its links to the neighbouring sessions go, in its
/// `.partial` file (closed), waiting for the run's order: ``finish(neighbours:redactor:)``
/// appends the links and the page's end, completes the digest from the state kept here (the
/// file is not read again) and renames the file into place.
///
/// Small (a path, a SHA-256 state, a footer of about a hundred bytes), so a run can hold one
/// per session until all are exported; no file stays open.
public struct UnfinishedTranscript: Sendable {
    /// Where the page goes once finished; it is written to `path + ".partial"` until then.
    public let path: String
    let digest: StreamingSHA256.State
    let ending: Ending
    let syncOnFinish: Bool

    /// What follows the links.
    enum Ending: Sendable {
        /// The native page's footer, then the script (the template set's asset, shared by
        /// every page of a run) and the closing tags.
        case native(footer: [UInt8], script: String)
        /// A `transcript` template's page after `{{{neighbours}}}`, kept in a side file.
        case file(String)
    }

    var partialPath: String { path + ".partial" }

    /// Appends the links to `neighbours` (titles redacted by `redactor`, as the index's are) and
    /// the rest of the page, and moves the page into place.
    /// - Returns: the finished page's SHA-256 (64 lowercase hex digits) and size.
    public func finish(neighbours: TranscriptNeighbours, redactor: Redactor) throws -> (sha256: String, size: Int64) {
        var preparer = ViewPreparer(redactor: redactor)
        var bytes: [UInt8] = []
        TranscriptPageWriter.appendNeighbours(neighbours, preparer: &preparer, to: &bytes)
        let written: (sha256: String, size: Int64)
        do {
            let out = try OutputFile(appendingTo: partialPath, resuming: digest)
            switch ending {
            case .native(let footer, let script):
                bytes.append(contentsOf: footer)
                TranscriptPageWriter.appendEnd(script: script, to: &bytes)
                try out.write(bytes)
            case .file(let endPath):
                try out.write(bytes)
                try out.copy(from: endPath)
            }
            if syncOnFinish { try out.synchronize() }
            try out.close()
            written = (out.sha256(), out.byteCount)
        } catch {
            discard()
            throw error as? RenderError ?? RenderError(path: path, message: "writing failed: \(error)")
        }
        guard rename(partialPath, path) == 0 else {
            let message = String(cString: strerror(errno))
            discard()
            throw RenderError(path: path, message: "cannot move the finished page into place: \(message)")
        }
        if case .file(let endPath) = ending { _ = unlink(endPath) }
        return written
    }

    /// Removes the unfinished page's files (on failure).
    public func discard() {
        _ = unlink(partialPath)
        if case .file(let endPath) = ending { _ = unlink(endPath) }
    }
}
