import ChronicleBag
import ChronicleCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The outcomes of a run's sessions, kept on disk while the run goes on, so a run's memory does
/// not grow with its number of sessions: each finished session's ``SessionOutcome`` is encoded
/// (JSON) and appended to a hidden file beside the run's bag, followed by its member of
/// run.json's `sessions`, printed then; memory keeps their offsets, lengths and the sort key.
/// The finalisation reads them back one at a time, in the order run.json lists them (agent id,
/// then session id).
///
/// One owner: used by the task that runs the export. The file is removed by ``remove()`` (and
/// any left by a crashed run by ``removeLeftovers(in:)``).
final class OutcomeSpool {
    /// Name prefix of spool files in a source folder.
    static let prefix = ".chronicle-outcomes-"

    struct Entry {
        let agentID: String
        let sessionID: String
        let offset: Int64
        let length: Int
        let runJSONLength: Int
    }

    let path: String
    private var fd: Int32
    private var size: Int64 = 0
    private var entries: [Entry] = []
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    var count: Int { entries.count }
    /// How many payload digests the spooled outcomes carry, and the bytes of their paths.
    private(set) var payloadDigestCount = 0
    private(set) var payloadDigestPathBytes = 0

    /// Creates the spool file in `directory` (the source folder).
    init(directory: String) throws {
        let path = directory + "/" + Self.prefix + UUID().uuidString + ".partial"
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw ExportError(.output, path: path, message: "cannot create the run's outcome spool: \(String(cString: strerror(errno))); check free space and permissions, then run again")
        }
        self.path = path
        self.fd = fd
    }

    deinit { remove() }

    /// Removes spool files of runs that ended without cleaning up (a crash or a kill).
    static func removeLeftovers(in directory: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    func append(_ outcome: SessionOutcome, runJSON: [UInt8]) throws {
        var bytes: Data
        do { bytes = try encoder.encode(outcome) } catch {
            throw ExportError(.output, path: path, message: "cannot record session '\(outcome.session.id)': \(error)")
        }
        let outcomeLength = bytes.count
        bytes.append(contentsOf: runJSON)
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return }
                let n = pwrite(fd, base + done, raw.count - done, off_t(size) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ExportError(.output, path: path, message: "cannot write the run's outcome spool: \(String(cString: strerror(errno))); free space, then run again")
                }
                done += n
            }
        }
        payloadDigestCount += outcome.payloadDigests.count
        payloadDigestPathBytes += outcome.payloadDigests.reduce(0) { $0 + $1.relativePath.utf8.count }
        entries.append(Entry(agentID: outcome.session.agentID, sessionID: outcome.session.id, offset: size, length: outcomeLength, runJSONLength: runJSON.count))
        size += Int64(bytes.count)
    }

    /// Puts the entries in run.json's order: agent id, then session id.
    func sort() {
        entries.sort { ($0.agentID, $0.sessionID) < ($1.agentID, $1.sessionID) }
    }

    /// The `index`-th outcome in the current order.
    func outcome(at index: Int) throws -> SessionOutcome {
        let entry = entries[index]
        let bytes = try read(entry, offset: entry.offset, length: entry.length)
        do { return try decoder.decode(SessionOutcome.self, from: Data(bytes)) } catch {
            throw ExportError(.output, path: path, message: "the run's outcome spool is damaged at session '\(entry.sessionID)': \(error); run again")
        }
    }

    /// The `index`-th outcome's member of run.json's `sessions`, as printed when it was appended.
    func runJSONElement(at index: Int) throws -> [UInt8] {
        let entry = entries[index]
        return try read(entry, offset: entry.offset + Int64(entry.length), length: entry.runJSONLength)
    }

    private func read(_ entry: Entry, offset: Int64, length: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var done = 0
            while done < length {
                let n = pread(fd, base + done, length - done, off_t(offset) + off_t(done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return done }
                done += n
            }
            return done
        }
        guard read == length else {
            throw ExportError(.output, path: path, message: "cannot read back session '\(entry.sessionID)' from the run's outcome spool; run again")
        }
        return bytes
    }

    /// Calls `body` with every outcome, in the current order.
    func forEach(_ body: (SessionOutcome) throws -> Void) throws {
        for i in entries.indices { try body(try outcome(at: i)) }
    }

    /// Closes and deletes the file.
    func remove() {
        guard fd >= 0 else { return }
        _ = close(fd)
        fd = -1
        _ = unlink(path)
    }
}
